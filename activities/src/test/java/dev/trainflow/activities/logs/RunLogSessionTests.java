package dev.trainflow.activities.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogSessionTests {
  @TempDir Path root;

  @Test
  void shouldKeepTheLastLinesCutLongOnesSayWhatItDroppedAndReadBack() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(root);
    RunLogKey key = new RunLogKey(5, "train", 2);
    RunLogSession session = new RunLogSession(key, "worker-1", 3, 20);
    for (int i = 1; i <= 5; i++) {
      session.add(Instant.ofEpochSecond(i), "INFO", "t", "main", "line " + i);
    }
    session.add(Instant.ofEpochSecond(6), "INFO", "t", "main", "a line far longer than twenty characters");
    session.flush(store);

    assertThat(Files.readAllLines(root.resolve("runs/5/logs/train-attempt-2.jsonl"))).hasSize(4);
    List<RunLogLine> lines = new RunLogReader(store).read(key, 100).orElseThrow().lines();
    assertThat(lines).extracting(RunLogLine::message)
        .containsExactly(
            "3 earlier line(s) dropped: a stage attempt keeps its last 3 lines",
            "line 4", "line 5", "a line far longer th... (20 more characters)");
    assertThat(lines.get(1).worker()).isEqualTo("worker-1");
    assertThat(new RunLogReader(store).read(key, 2).orElseThrow().lines()).hasSize(2);
    assertThat(new RunLogReader(store).read(new RunLogKey(5, "train", 3), 10)).isEmpty();
  }

  @Test
  void shouldRedactBeforeKeeping() {
    RunLogSession session = new RunLogSession(new RunLogKey(1, "examples", 1), "w", 10, 1000);
    session.add(Instant.EPOCH, "WARN", "t", "main", "reading https://bucket/x.csv?X-Amz-Signature=abcdef failed");
    LocalArtifactStore store = new LocalArtifactStore(root);
    session.flush(store);
    assertThat(new RunLogReader(store).read(new RunLogKey(1, "examples", 1), 10).orElseThrow().lines().get(0).message())
        .isEqualTo("reading https://bucket/x.csv?X-Amz-Signature=*** failed");
  }

  @Test
  void shouldTakeTheRunIdFromRunWorkflowsOnly() {
    assertThat(RunLogInterceptor.runId("training-run-17")).isEqualTo(17L);
    assertThat(RunLogInterceptor.runId("training-schedule-3")).isNull();
    assertThat(RunLogInterceptor.runId("training-run-x")).isNull();
  }
}
