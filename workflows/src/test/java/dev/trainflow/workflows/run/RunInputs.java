package dev.trainflow.workflows.run;

import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import java.util.List;

final class RunInputs {
  private RunInputs() {}

  static TrainingRunInput sample(long runId, int epochs, double pushAnywayTimeoutHours) {
    return resilient(
        runId,
        new TrainingParams(epochs, 1024, null, null, null, null, null, null, null, null),
        GpuConfig.cpu(),
        pushAnywayTimeoutHours,
        null);
  }

  /** A run whose training params and capacity the test chooses, optionally resuming. */
  static TrainingRunInput resilient(
      long runId, TrainingParams params, GpuConfig gpu, double pushAnywayTimeoutHours, ResumeState resume) {
    return new TrainingRunInput(
        runId,
        "run-" + runId,
        1,
        "recs",
        (int) runId,
        1,
        "synthetic-b2b",
        DatasetSource.synthetic(100, 50, 1000, 7),
        1,
        new FeatureConfig(
            "customer_id",
            "product_id",
            List.of(new FeatureSpec(null, "customer_id", "string", "embedding", 32, null)),
            List.of(new FeatureSpec(null, "product_id", "string", "embedding", 32, null)),
            null),
        1,
        new ModelConfig("retrieval", 32, null, null, null, null, null),
        params,
        gpu,
        new EvaluatorConfig("recall_at_100", 0.5, pushAnywayTimeoutHours),
        DeploymentConfig.registerOnly(),
        resume,
        1_000L);
  }
}
