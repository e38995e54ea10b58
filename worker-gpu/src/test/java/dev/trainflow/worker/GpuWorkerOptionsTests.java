package dev.trainflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GpuWorkerOptionsTests {

  @Test
  void shouldNeverWaitOnAStickyQueueAndHeartbeatAtLeastTwiceASecond() {
    WorkerOptions options = GpuWorkerOptions.embedded();

    assertThat(options.getStickyQueueScheduleToStartTimeout()).isEqualTo(Duration.ZERO);
    assertThat(options.getMaxHeartbeatThrottleInterval()).isEqualTo(Duration.ofMillis(500));
  }
}
