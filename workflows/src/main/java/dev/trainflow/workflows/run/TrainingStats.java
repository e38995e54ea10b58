package dev.trainflow.workflows.run;

import dev.trainflow.workflows.spec.GpuConfig;
import java.util.List;

/**
 * What training cost: attempts, preemptions, device time trained and lost, money, queue delay.
 * Device seconds count each GPU (a CPU run counts as one device).
 *
 * @param queueDelaySeconds from the run's submission to the first training attempt starting
 */
public record TrainingStats(
    int attempts,
    int preemptions,
    int errorRetries,
    List<RetryRecord> retries,
    double costUsd,
    double gpuSecondsTrained,
    double gpuSecondsLost,
    Double queueDelaySeconds,
    GpuConfig capacity,
    String workerIdentity) {

  public static TrainingStats none() {
    return new TrainingStats(0, 0, 0, List.of(), 0, 0, 0, null, null, null);
  }
}
