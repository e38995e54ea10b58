package dev.trainflow.workflows.pipeline;

import dev.trainflow.workflows.run.RunTemplate;
import java.util.List;

/**
 * One node of a pipeline's DAG, as stored once the definition was validated.
 *
 * @param kind {@code validate_data}, {@code check_drift}, {@code train}, {@code evaluate_models},
 *     {@code register_models} or {@code notify}
 * @param dependencies the tasks that must end first (see {@code TrainingPipelineWorkflowImpl} for
 *     what "ended well enough" means per kind)
 * @param timeoutSeconds the bound of one attempt: the activity's start-to-close, or the child run's
 *     execution timeout; null for the kind's default
 * @param retries further attempts after a failure that may pass on a retry (never after one of the
 *     non-retryable reasons, such as {@code data_validation} or {@code invalid_config})
 * @param datasetId the dataset a {@code validate_data} or {@code check_drift} task checks
 * @param template what a {@code train} task trains: one training run per attempt
 * @param drift what a {@code check_drift} task compares (its dataset is {@code datasetId})
 * @param url where a {@code notify} task posts the run's report so far (an http or https URL)
 */
public record PipelineTask(
    String taskId,
    String kind,
    List<String> dependencies,
    Integer timeoutSeconds,
    Integer retries,
    Long datasetId,
    RunTemplate template,
    DriftGate drift,
    String url) {

  public static final String VALIDATE_DATA = "validate_data";
  public static final String TRAIN = "train";
  public static final String EVALUATE_MODELS = "evaluate_models";
  public static final String REGISTER_MODELS = "register_models";
  /** Gates retraining: the train tasks depending on it run only when the data drifted. */
  public static final String CHECK_DRIFT = "check_drift";
  /** Posts the run's per-task report so far to its URL, signed like the on_success/on_failure webhooks. */
  public static final String NOTIFY = "notify";
  public static final List<String> KINDS = List.of(VALIDATE_DATA, CHECK_DRIFT, TRAIN, EVALUATE_MODELS, REGISTER_MODELS, NOTIFY);

  /** A task that posts nowhere (every kind but notify). */
  public PipelineTask(
      String taskId, String kind, List<String> dependencies, Integer timeoutSeconds, Integer retries, Long datasetId,
      RunTemplate template, DriftGate drift) {
    this(taskId, kind, dependencies, timeoutSeconds, retries, datasetId, template, drift, null);
  }

  /** A task of the first release, without a drift gate. */
  public PipelineTask(
      String taskId, String kind, List<String> dependencies, Integer timeoutSeconds, Integer retries, Long datasetId,
      RunTemplate template) {
    this(taskId, kind, dependencies, timeoutSeconds, retries, datasetId, template, null, null);
  }

  public List<String> dependsOn() {
    return dependencies == null ? List.of() : dependencies;
  }

  public int attempts() {
    return 1 + (retries == null ? 0 : retries);
  }
}
