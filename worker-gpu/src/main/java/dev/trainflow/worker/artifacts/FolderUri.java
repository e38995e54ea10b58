package dev.trainflow.worker.artifacts;

/**
 * Joins a folder's URI and a file name. Stores hand out folder URIs with or without a trailing
 * slash (a local store adds one once the folder exists), so joining must accept both.
 */
public final class FolderUri {
  private FolderUri() {}

  public static String child(String folderUri, String name) {
    String folder = folderUri.endsWith("/") ? folderUri.substring(0, folderUri.length() - 1) : folderUri;
    return folder + "/" + name;
  }
}
