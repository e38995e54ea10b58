package dev.trainflow.deploy.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import dev.trainflow.worker.tabular.TabularBundle;
import java.nio.file.Path;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the versions of a model are on disk. {@code MODEL_PATH} is one of: a SavedModel folder
 * (holds {@code saved_model.pb}); a trainflow export folder ({@code <run>/model/}, holds {@code
 * saved_model/}); a tabular model bundle ({@code <run>/model/} of a tabular run, holds {@code
 * tabular_model.json}); or TensorFlow Serving's layout, a base folder of numbered version folders,
 * each one of the first three. The first three are one version, {@code defaultVersion}.
 */
final class ModelFolders {
  static final String SAVED_MODEL_PB = "saved_model.pb";
  static final String EXPORT_SAVED_MODEL = "saved_model";

  private ModelFolders() {}

  /** The model folders (SavedModel or tabular bundle) by version; empty when the path holds none (yet). */
  static NavigableMap<Long, Path> versions(Path modelPath, long defaultVersion) {
    Path single = modelFolder(modelPath);
    if (single != null) {
      return new TreeMap<>(Collections.singletonMap(defaultVersion, single));
    }
    NavigableMap<Long, Path> versions = new TreeMap<>();
    if (!Files.isDirectory(modelPath)) {
      return versions;
    }
    try (Stream<Path> children = Files.list(modelPath)) {
      children.forEach(
          child -> {
            Long version = versionNumber(child.getFileName().toString());
            Path model = version == null ? null : modelFolder(child);
            if (model != null) {
              versions.put(version, model);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the versions in " + modelPath, e);
    }
    return versions;
  }

  /** The model in {@code folder}: itself (a SavedModel or a tabular bundle) or its saved_model/; or null. */
  static Path modelFolder(Path folder) {
    if (Files.isRegularFile(folder.resolve(SAVED_MODEL_PB)) || TabularBundle.isBundle(folder)) {
      return folder;
    }
    Path nested = folder.resolve(EXPORT_SAVED_MODEL);
    return Files.isRegularFile(nested.resolve(SAVED_MODEL_PB)) ? nested : null;
  }

  /** A version folder's number; names that are not positive integers (a copy in progress: ".tmp-3") are not versions. */
  private static Long versionNumber(String name) {
    if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(Character::isDigit)) {
      return null;
    }
    long version = Long.parseLong(name);
    return version > 0 ? version : null;
  }
}
