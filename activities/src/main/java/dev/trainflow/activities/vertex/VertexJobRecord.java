package dev.trainflow.activities.vertex;

/**
 * The custom job a run's training attempt created, kept in the artifact store so that an activity
 * restarted after its worker was lost polls the job it already has instead of starting a second
 * one, and a later attempt cancels an orphan instead of paying for two GPUs.
 */
public record VertexJobRecord(int attempt, String jobName) {}
