package dev.trainflow.activities.persistence;

import java.time.OffsetDateTime;
import java.util.Map;

/** One trial of a tuning job as stored. */
public record StoredTrial(
    int trialNumber,
    Long runId,
    Map<String, Object> params,
    String status,
    Double objectiveValue,
    Map<String, Double> metrics,
    Integer lastStep,
    String error,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt) {}
