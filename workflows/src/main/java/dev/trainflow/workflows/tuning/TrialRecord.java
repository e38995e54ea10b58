package dev.trainflow.workflows.tuning;

import java.util.Map;

/**
 * One trial as the tuning workflow knows it: its hyperparameters, its run, how it ended and its
 * metrics (the run's evaluation when it completed, the last step's report when it was stopped).
 */
public record TrialRecord(
    int trialNumber,
    Long runId,
    Map<String, Object> params,
    TrialStatus status,
    Double objectiveValue,
    Map<String, Double> metrics,
    Integer lastStep,
    String error,
    Long startedAtMillis,
    Long finishedAtMillis) {}
