package dev.trainflow.workflows.tuning;

import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import java.util.Map;

/** The run templates of a tuning job's trials and of the run that promotes its best trial. */
public final class TrialTemplates {
  private TrialTemplates() {}

  /**
   * A trial: the base template with the trial's hyperparameters. A trial is a measurement, not a
   * release: it deploys nothing (register only) and, not blessed, ends at once instead of waiting a
   * day for a push-anyway that tuning never sends.
   */
  public static RunTemplate trial(RunTemplate base, Map<String, Object> params) {
    EvaluatorConfig e = base.evaluatorConfig();
    return new RunTemplate(
        base.mlModelName(),
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
