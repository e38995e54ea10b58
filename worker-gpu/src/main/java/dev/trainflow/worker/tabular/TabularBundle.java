package dev.trainflow.worker.tabular;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained tabular model as it is stored and served: one folder holding the library's model file
 * and {@link TabularModelDescriptor#FILE_NAME}, which a model server recognises it by.
 */
public record TabularBundle(TabularModelDescriptor descriptor, byte[] model) {

  /**
   * Writes the bundle to the folder {@code folder} (a store path such as {@code runs/7/model}) and
   * returns the folder's URI. The descriptor goes last: a reader that sees it sees a whole bundle.
   */
  public String writeTo(ArtifactStore store, String folder) {
    store.write(folder + "/" + descriptor.modelFile(), model);
    store.write(folder + "/" + TabularModelDescriptor.FILE_NAME, JsonCodec.toBytes(descriptor));
    return store.uriOf(folder);
  }

  /** Whether {@code folder} holds a bundle (its descriptor). */
  public static boolean isBundle(Path folder) {
    return Files.isRegularFile(folder.resolve(TabularModelDescriptor.FILE_NAME));
  }

  /** Reads a bundle from a local folder; a bad descriptor fails naming the field. */
  public static TabularBundle read(Path folder) {
    Path descriptorFile = folder.resolve(TabularModelDescriptor.FILE_NAME);
    try {
      TabularModelDescriptor descriptor = descriptor(Files.readAllBytes(descriptorFile), descriptorFile.toString());
      return new TabularBundle(descriptor, Files.readAllBytes(folder.resolve(descriptor.modelFile())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tabular model in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Reads a bundle from the store, by its folder's URI (what the training activity answers). */
  public static TabularBundle read(ArtifactStore store, String folderUri) {
    String base = folderUri.endsWith("/") ? folderUri.substring(0, folderUri.length() - 1) : folderUri;
    String descriptorUri = base + "/" + TabularModelDescriptor.FILE_NAME;
    TabularModelDescriptor descriptor = descriptor(store.read(descriptorUri), descriptorUri);
    return new TabularBundle(descriptor, store.read(base + "/" + descriptor.modelFile()));
  }

  private static TabularModelDescriptor descriptor(byte[] json, String where) {
    try {
      return JsonCodec.fromBytes(json, TabularModelDescriptor.class).validated();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** The library model, ready to predict over encoded rows. */
  TabularModel loadModel() {
    TabularTask task = descriptor.tabularTask();
    int classes = descriptor.classLabels().size();
    return switch (descriptor.trainer()) {
      case XGBoostTrainer.NAME -> XGBoostTrainer.load(model, task, classes, descriptor.encodedWidth());
      case RandomForestTrainer.NAME -> RandomForestTrainer.load(model, task, classes, descriptor.encodedWidth());
      case LightGBMTrainer.NAME -> LightGBMTrainer.load(model, task, classes, descriptor.encodedWidth());
      default -> throw new IllegalArgumentException("trainer must be xgboost, random_forest or lightgbm, got '" + descriptor.trainer() + "'");
    };
  }
}
