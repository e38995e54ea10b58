package dev.trainflow.activities.audit;

import java.util.Map;

/**
 * One event for the append-only audit log.
 *
 * @param event {@code api_call}, {@code run_started}, {@code run_finished}, {@code reproduction_compared},
 *     {@code model_stage_changed} or {@code tuning_job_promoted}
 * @param actor who: a token's or JWT subject's name for API calls, the service for run events
 * @param dedupKey recording the same key twice appends once; null for events that cannot repeat
 */
public record AuditEvent(
    String event,
    Long trainingRunId,
    String actor,
    String actorRole,
    String httpMethod,
    String path,
    Integer httpStatus,
    String runStatus,
    String gitCommit,
    String imageDigest,
    String configSha256,
    Map<String, Object> details,
    String dedupKey) {

  public static final String API_CALL = "api_call";
  public static final String RUN_STARTED = "run_started";
  public static final String RUN_FINISHED = "run_finished";
  public static final String REPRODUCTION_COMPARED = "reproduction_compared";
  /** A registered model version moved between stages; one record per version that moved. */
  public static final String MODEL_STAGE_CHANGED = "model_stage_changed";
  /** A training run was created from a tuning job's best trial. */
  public static final String TUNING_JOB_PROMOTED = "tuning_job_promoted";

  public static AuditEvent apiCall(
      String actor, String role, String method, String path, int status, Long runId, Map<String, Object> details) {
    return new AuditEvent(API_CALL, runId, actor, role, method, path, status, null, null, null, null, details, null);
  }
}
