package dev.trainflow.workflows.tuning;

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
 * Replays recorded tuning histories (TPE with twelve trials, successive halving cancelling trials,
 * failed trials, a worker restart in the middle) against the current workflow code: the sampling,
 * the rung decisions and the loop must command exactly what they did. Recorded by {@link
 * TuningWorkflowTests} with {@code -Dtrainflow.recordHistories=<src/test/resources/tuning-histories>}
 * (then gzipped); record a new one only to add a path, never to make this pass.
 */
class TuningWorkflowReplayTests {

  static List<Path> histories() throws IOException, URISyntaxException {
    return HistoryReplay.histories("/tuning-histories");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void shouldReplayRecordedHistory(Path history) throws Exception {
    HistoryReplay.replay(history, TuningWorkflowImpl.class);
  }

  @Test
  void shouldHaveHistoriesToReplay() throws Exception {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(4);
  }
}
