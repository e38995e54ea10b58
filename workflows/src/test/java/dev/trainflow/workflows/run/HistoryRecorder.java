package dev.trainflow.workflows.run;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a workflow's history as JSON for the replay tests, when the build is run with {@code
 * -Dtrainflow.recordHistories=<folder>}; does nothing otherwise.
 */
public final class HistoryRecorder {
  private HistoryRecorder() {}

  public static void record(WorkflowClient client, String workflowId, String name) {
    String folder = System.getProperty("trainflow.recordHistories");
    if (folder == null || folder.isBlank()) {
      return;
    }
    try {
      Path file = Path.of(folder).resolve(name + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
