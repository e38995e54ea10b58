package dev.trainflow.workflows.run;

import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.ColumnSpec;
import dev.trainflow.workflows.activities.CompileActivities;
import dev.trainflow.workflows.activities.DataActivities;
import dev.trainflow.workflows.activities.DeployActivities;
import dev.trainflow.workflows.activities.DeploymentRequest;
import dev.trainflow.workflows.activities.DeploymentResult;
import dev.trainflow.workflows.activities.EvaluationActivities;
import dev.trainflow.workflows.activities.EvaluationRequest;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.RegistrationRequest;
import dev.trainflow.workflows.activities.RegistrationResult;
import dev.trainflow.workflows.activities.RegistryActivities;
import dev.trainflow.workflows.activities.SchemaResult;
import dev.trainflow.workflows.activities.SplitInfo;
import dev.trainflow.workflows.activities.StatisticsResult;
import dev.trainflow.workflows.activities.TransformResult;
import dev.trainflow.workflows.spec.PriceSheet;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for the data-queue activities, recording what the workflow asked of them. They make
 * the workflow's own logic testable in seconds; the real activities have their own tests.
 */
class FakeStageActivities
    implements CompileActivities, DataActivities, EvaluationActivities, RegistryActivities, DeployActivities {

  final List<String> calls;
  volatile boolean blessed = true;
  /** When set, prepareExamples says it started and waits for the latch before it answers. */
  volatile java.util.concurrent.CountDownLatch examplesStarted;
  volatile java.util.concurrent.CountDownLatch releaseExamples;
  volatile String failSchemaWith;

  @Override
  public CompiledRun compile(TrainingRunInput in) {
    calls.add("compile");
    return new CompiledRun(
        in.runId(),
        in.runName(),
        in.mlModelId(),
        in.mlModelName(),
        in.datasetId(),
        in.datasetName(),
        in.datasetSource(),
        in.featureConfig(),
        in.modelConfig().withDefaults(),
        in.trainingParams().withDefaults(in.modelConfig()),
        in.gpuConfig().withDefaults(),
        in.evaluatorConfig().withDefaults(),
        in.deploymentConfig().withDefaults(),
        "runs/" + in.runId(),
        "file:/artifacts/runs/" + in.runId() + "/config/snapshot.json",
        "0123abcd",
        PriceSheet.standard());
  }

  @Override
  public ExamplesResult prepareExamples(CompiledRun run) {
    calls.add("examples");
    if (releaseExamples != null) {
      examplesStarted.countDown();
      try {
        releaseExamples.await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new ExamplesResult(
        "checksum",
        100,
        100,
        List.of(new ColumnSpec("customer_id", "string"), new ColumnSpec("product_id", "string")),
        new SplitInfo("train", "file:/train.csv", 80, "a"),
        new SplitInfo("validation", "file:/validation.csv", 10, "b"),
        new SplitInfo("test", "file:/test.csv", 10, "c"),
        new SplitInfo("candidates", "file:/candidates.csv", 20, "d"));
  }

  @Override
  public StatisticsResult computeStatistics(CompiledRun run, ExamplesResult examples) {
    calls.add("statistics");
    return new StatisticsResult("file:/statistics.json", List.of());
  }

  @Override
  public SchemaResult validateSchema(CompiledRun run, ExamplesResult examples, StatisticsResult statistics) {
    calls.add("schema");
    if (failSchemaWith != null) {
      throw TrainingFailures.dataValidation(failSchemaWith);
    }
    return new SchemaResult("file:/schema.json", examples.columns(), null, List.of());
  }

  @Override
  public TransformResult fitTransform(CompiledRun run, ExamplesResult examples, SchemaResult schema) {
    calls.add("transform");
    return new TransformResult("file:/transform.json", Map.of("customer_id", 10));
  }

  @Override
  public EvaluationResult evaluate(EvaluationRequest request) {
    calls.add("evaluate");
    double recall = blessed ? 0.6 : 0.1;
    return new EvaluationResult(
        "recall_at_100", recall, 0.5, blessed, Map.of("recall_at_100", recall), Map.of("recall_at_100", 0.3), 10, "file:/evaluation.json");
  }

  @Override
  public RegistrationResult registerModel(RegistrationRequest request) {
    calls.add("register");
    return new RegistrationResult(7, 1, request.modelUri());
  }

  @Override
  public DeploymentResult deployModel(DeploymentRequest request) {
    calls.add("deploy");
    return new DeploymentResult(request.config().action(), "registered", null, null, "ok");
  }

  FakeStageActivities(List<String> calls) {
    this.calls = calls;
  }
}
