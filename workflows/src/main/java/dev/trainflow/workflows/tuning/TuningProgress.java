package dev.trainflow.workflows.tuning;

import java.util.List;

/**
 * An immutable snapshot of a tuning job: the {@code progress} query's answer and what is projected
 * to {@code tuning_job} and {@code tuning_trial}. {@code revision} grows with every change, so a
 * late projection never overwrites a newer one.
 */
public record TuningProgress(
    long jobId,
    TuningJobStatus status,
    List<TrialRecord> trials,
    Integer bestTrial,
    Double bestValue,
    String error,
    int revision,
    Long startedAtMillis,
    Long finishedAtMillis) {}
