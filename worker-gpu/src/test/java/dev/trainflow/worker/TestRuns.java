package dev.trainflow.worker;

import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.EarlyStopping;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.LearningRateSchedule;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import java.util.List;

/** Compiled runs and training requests for tests, with every config the Compile stage would fill. */
final class TestRuns {
  private TestRuns() {}

  static TrainingParams params(int epochs, int batchSize, String optimizer, double learningRate, long seed, int checkpointEvery) {
    return new TrainingParams(
            epochs, batchSize, learningRate, optimizer, 100.0, "random", 0.1, 0.1, seed, checkpointEvery)
        .withDefaults(null);
  }

  static ModelConfig model(Boolean l2Normalize) {
    return new ModelConfig("retrieval", 32, null, null, null, null, l2Normalize).withDefaults();
  }

  /** A model of {@code type} with small ranking layers, so tests train fast. */
  static ModelConfig model(String type) {
    return new ModelConfig(type, 32, null, null, null, null, false, "retrieval".equals(type) ? null : List.of(32), null, null,
            null, null, null)
        .withDefaults();
  }

  /** {@code base} with early stopping, a schedule, clipping and a warm start (each may be null). */
  static TrainingParams with(
      TrainingParams base, EarlyStopping earlyStopping, LearningRateSchedule schedule, Double clipNorm, String warmStartFrom) {
    return new TrainingParams(
            base.epochs(), base.batchSize(), base.learningRate(), base.optimizer(), base.dataSamplePercent(),
            base.splitStrategy(), base.validationSplit(), base.testSplit(), base.seed(), base.checkpointEveryEpochs(),
            base.retryPolicy(), base.maxRuntimeMinutes(), base.heartbeatTimeoutSeconds(), base.maxCostUsd(),
            earlyStopping, schedule, clipNorm, warmStartFrom)
        .withDefaults(null);
  }

  static CompiledRun run(long runId, ModelConfig model, TrainingParams params, GpuConfig gpu, EvaluatorConfig evaluator) {
    return new CompiledRun(
        runId, "run-" + runId, 1, "fixture-model", 1, "fixture", null, null, model, params, gpu,
        evaluator.withDefaults(model.modelType()), null, "runs/" + runId, null, null, null);
  }

  static CompiledRun run(long runId, TrainingParams params) {
    return run(runId, model(false), params, GpuConfig.cpu(), EvaluatorConfig.empty());
  }

  static TrainingRequest request(CompiledRun run, RetrievalFixture fixture, String resumeFrom) {
    return new TrainingRequest("training-run-" + run.runId(), run, fixture.examples(), fixture.transform(), resumeFrom);
  }
}
