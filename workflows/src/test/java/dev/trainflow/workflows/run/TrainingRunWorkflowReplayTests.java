package dev.trainflow.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.HistoryReplay;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded histories of real runs against the current workflow code: a change that would
 * break running workflows (a non-deterministic edit without {@code Workflow.getVersion}) fails
 * here. Histories live in {@code src/test/resources/histories}, gzipped, named by the workflow
 * version that wrote them (v0-: SDK retries; v1-: the workflow's own attempts; v2-: projections
 * never cancelled; v3-: retries record the checkpoint they resumed from; v4-: tabular runs on the cpu queue; v5-: stages other than Train detached from the run's cancellation); record new ones with {@code
 * -Dtrainflow.recordHistories=<folder>} when a version is added, never to make this pass.
 */
class TrainingRunWorkflowReplayTests {

  static List<Path> histories() throws IOException, URISyntaxException {
    return HistoryReplay.histories("/histories");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void shouldReplayRecordedHistory(Path history) throws Exception {
    HistoryReplay.replay(history, TrainingRunWorkflowImpl.class);
  }

  /** Histories of every workflow version. */
  @org.junit.jupiter.api.Test
  void shouldHaveHistoriesOfEveryVersion() throws Exception {
    List<String> names = histories().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names).anyMatch(n -> n.startsWith("v0-")).anyMatch(n -> n.startsWith("v1-")).anyMatch(n -> n.startsWith("v2-"))
        .anyMatch(n -> n.startsWith("v3-")).anyMatch(n -> n.startsWith("v4-tabular"))
        .anyMatch(n -> n.startsWith("v5-"));
  }
}
