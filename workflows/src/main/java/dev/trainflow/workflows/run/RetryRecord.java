package dev.trainflow.workflows.run;

/**
 * One failed training attempt and what the workflow did about it.
 *
 * @param reason the failure reason ({@code preempted}, {@code worker_lost}, ...)
 * @param checkpointUri where the next attempt resumes
 * @param lastEpochReported the newest epoch the failed attempt finished
 * @param lostSeconds training time after the last checkpoint, thrown away
 * @param delaySeconds the backoff before the next attempt
 * @param capacityChange a fallback to on-demand or an escalation, in words; null when none
 */
public record RetryRecord(
    int attempt,
    String reason,
    String message,
    String workerIdentity,
    String checkpointUri,
    Integer checkpointEpoch,
    int lastEpochReported,
    double lostSeconds,
    double delaySeconds,
    String capacityChange,
    long atMillis) {}
