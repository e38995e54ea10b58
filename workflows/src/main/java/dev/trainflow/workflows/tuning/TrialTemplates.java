package dev.trainflow.workflows.tuning;

import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import java.util.Map;

/** The run templates of a tuning job's trials and of the run that promotes its best trial. */
public final class TrialTemplates {
  private TrialTemplates() {}

  /** Trials register under {@code <ml model>-trials}, so the model's own versions stay releases. */
  public static final String TRIALS_SUFFIX = "-trials";

  /**
   * A trial: the base template with the trial's hyperparameters. A trial is a measurement, not a
   * release: it deploys nothing (register only, under {@link #trialsModel}) and, not blessed, ends
   * at once instead of waiting a day for a push-anyway that tuning never sends.
   */
  public static RunTemplate trial(RunTemplate base, Map<String, Object> params) {
    EvaluatorConfig e = base.evaluatorConfig();
    return new RunTemplate(
        trialsModel(base.mlModelName()),
        base.modelType(),
        base.description(),
        base.datasetId(),
        base.featureConfigId(),
        base.modelConfigId(),
        TrainingParamOverrides.apply(base.trainingParams(), params),
        base.gpuConfig(),
        TrainingParamOverrides.withFields(e != null ? e : EvaluatorConfig.empty(), EvaluatorConfig.class, Map.of("push_anyway_timeout_hours", 0.0)),
        DeploymentConfig.registerOnly().withDefaults());
  }

  /** The ml model a job's trials register under: the base's name plus {@value #TRIALS_SUFFIX}, within 63 characters. */
  public static String trialsModel(String mlModelName) {
    if (mlModelName == null) {
      return null;
    }
    String base = mlModelName.length() + TRIALS_SUFFIX.length() > 63 ? mlModelName.substring(0, 63 - TRIALS_SUFFIX.length()) : mlModelName;
    return base + TRIALS_SUFFIX;
  }

  /** The promoted run: the base template, its own evaluation and deployment, the best hyperparameters. */
  public static RunTemplate promoted(RunTemplate base, Map<String, Object> params) {
    return new RunTemplate(
        base.mlModelName(),
        base.modelType(),
        base.description(),
        base.datasetId(),
        base.featureConfigId(),
        base.modelConfigId(),
        TrainingParamOverrides.apply(base.trainingParams(), params),
        base.gpuConfig(),
        base.evaluatorConfig(),
        base.deploymentConfig());
  }
}
