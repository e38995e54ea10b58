package dev.trainflow.workflows.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.HistoryReplay;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded pipeline histories (partial success, all succeeded, a retried training, failed
 * validation, drift gates with and without drift, webhooks delivered and refused, notify tasks delivered and refused) against the current workflow code. Recorded by {@link TrainingPipelineWorkflowTests}
 * with {@code -Dtrainflow.recordHistories=<src/test/resources/pipeline-histories>}; record a new
 * one only to add a path, never to make this pass.
 */
class TrainingPipelineWorkflowReplayTests {

  static List<Path> histories() throws IOException, URISyntaxException {
    return HistoryReplay.histories("/pipeline-histories");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void shouldReplayRecordedHistory(Path history) throws Exception {
    HistoryReplay.replay(history, TrainingPipelineWorkflowImpl.class);
  }

  @Test
  void shouldHaveHistoriesToReplay() throws Exception {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(11);
  }
}
