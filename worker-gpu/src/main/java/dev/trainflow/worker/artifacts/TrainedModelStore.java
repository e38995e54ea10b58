package dev.trainflow.worker.artifacts;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.worker.model.NamedTensor;
import dev.trainflow.worker.model.WeightsFile;
import java.util.List;

/** Writes and reads a trained model's folder, {@code <artifactPrefix>/model/}. */
public final class TrainedModelStore {
  private final ArtifactStore store;

  public TrainedModelStore(ArtifactStore store) {
    this.store = store;
  }

  /** A model folder's description and weights. */
  public record Loaded(ModelDescription description, List<NamedTensor> weights) {}

  /** Writes the weights, then model.json; returns the folder's URI. */
  public String write(String artifactPrefix, ModelDescription description, List<NamedTensor> weights) {
    String folder = artifactPrefix + "/model";
    store.write(folder + "/" + description.weightsFile(), WeightsFile.write(weights));
    store.write(folder + "/" + ModelDescription.FILE_NAME, JsonCodec.toBytes(description));
    return store.uriOf(folder);
  }

  public Loaded read(String modelUri) {
    ModelDescription description =
        JsonCodec.fromBytes(store.read(FolderUri.child(modelUri, ModelDescription.FILE_NAME)), ModelDescription.class);
    if (!ModelDescription.FORMAT.equals(description.format())) {
      throw new IllegalArgumentException(
          "model at " + modelUri + " has format '" + description.format() + "', expected " + ModelDescription.FORMAT);
    }
    List<NamedTensor> weights = WeightsFile.read(store.read(FolderUri.child(modelUri, description.weightsFile())));
    return new Loaded(description, weights);
  }
}
