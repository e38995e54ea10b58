package dev.trainflow.activities.artifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where runs keep their files: config snapshots, splits, vocabularies, checkpoints, models. Paths
 * are relative ({@code runs/17/examples/train.csv}); URIs are absolute ({@code file:/...} or
 * {@code gs://...}) and are what runs record.
 */
public interface ArtifactStore {

  /** The absolute URI of the artifact at {@code path}, whether or not it exists yet. */
  String uriOf(String path);

  /** Writes (or atomically replaces) the artifact at {@code path}; returns its URI. */
  String write(String path, byte[] content);

  /** Copies a local file or folder tree to {@code path}; returns the URI of {@code path}. */
  String upload(String path, Path local);

  byte[] read(String uri);

  boolean exists(String uri);

  /**
   * A local copy of the artifact (file or folder) at {@code uri}: the file itself for a local
   * store, a downloaded copy under {@code scratch} otherwise.
   */
  Path localCopy(String uri, Path scratch);

  /**
   * Deletes the artifact or folder tree at {@code path}, except the subtrees named in {@code keep}
   * (paths relative to {@code path}, e.g. {@code model} of a run whose model is registered).
   * Deleting what does not exist is not an error. Returns how many files were deleted.
   */
  int deleteTree(String path, Set<String> keep);

  static UncheckedIOException io(String what, IOException e) {
    return new UncheckedIOException(what + ": " + e.getMessage(), e);
  }
}
