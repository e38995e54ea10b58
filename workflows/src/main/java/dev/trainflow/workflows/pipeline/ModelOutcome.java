package dev.trainflow.workflows.pipeline;

import java.util.Map;

/**
 * What became of one model of a pipeline run, task by task of its branch.
 *
 * @param runId the training run of the last attempt; null when none was created
 * @param runStatus that run's end: completed, not_blessed, failed, cancelled
 * @param failureReason the run's failure reason ({@code cost_limit_exceeded}, ...) when it failed
 * @param evaluated whether an {@code evaluate_models} task took the model's evaluation
 * @param registeredVersion the version this pipeline run registered, or null
 * @param servingVersion the newest registered version after the pipeline run: the new one, or
 *     for a model that failed, the previous one, which stays in service
 */
public record ModelOutcome(
    String taskId,
    String mlModelName,
    Long runId,
    int attempts,
    String runStatus,
    String failureReason,
    String message,
    boolean trained,
    boolean evaluated,
    Boolean blessed,
    Map<String, Double> metrics,
    boolean registered,
    Integer registeredVersion,
    Integer servingVersion) {

  public ModelOutcome withEvaluation(boolean evaluated) {
    return new ModelOutcome(taskId, mlModelName, runId, attempts, runStatus, failureReason, message, trained, evaluated,
        blessed, metrics, registered, registeredVersion, servingVersion);
  }

  public ModelOutcome withRegistration(boolean registered, Integer servingVersion) {
    return new ModelOutcome(taskId, mlModelName, runId, attempts, runStatus, failureReason, message, trained, evaluated,
        blessed, metrics, registered, registered ? registeredVersion : null, servingVersion);
  }
}
