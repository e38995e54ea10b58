package dev.trainflow.workflows.schedule;

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
 * Replays recorded schedule histories (DST fires, a trigger, the buffer, failures, a spec update,
 * a missed fire after a worker restart, cancel with cancel_running, a once schedule) against the
 * current workflow code. They live in {@code src/test/resources/schedule-histories}, apart from
 * the run workflow's, and were recorded by {@link TrainingScheduleWorkflowTests} with {@code
 * -Dtrainflow.recordHistories=<that folder>}; record a new one only to add a path, never to make
 * this pass.
 */
class TrainingScheduleWorkflowReplayTests {

  static List<Path> histories() throws IOException, URISyntaxException {
    return HistoryReplay.histories("/schedule-histories");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void shouldReplayRecordedHistory(Path history) throws Exception {
    HistoryReplay.replay(history, TrainingScheduleWorkflowImpl.class);
  }

  @Test
  void shouldHaveHistoriesToReplay() throws Exception {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(9);
  }
}
