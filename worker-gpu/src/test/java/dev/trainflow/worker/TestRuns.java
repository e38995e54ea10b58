package dev.trainflow.worker;

import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;

/** Compiled runs and training requests for tests, with every config the Compile stage would fill. */
final class TestRuns {
  private TestRuns() {}

  static TrainingParams params(int epochs, int batchSize, String optimizer, double learningRate, long seed, int checkpointEvery) {
    return new TrainingParams(
            epochs, batchSize, learningRate, optimizer, 100.0, "random", 0.1, 0.1, seed, checkpointEvery,
            null, null, null, null)
        .withDefaults(null);
  }

  static ModelConfig model(Boolean l2Normalize) {
    return new ModelConfig("retrieval", 32, null, null, null, null, l2Normalize).withDefaults();
  }

  static CompiledRun run(long runId, ModelConfig model, TrainingParams params, GpuConfig gpu, EvaluatorConfig evaluator) {
    return new CompiledRun(
        runId, "run-" + runId, 1, "fixture-model", 1, "fixture", null, null, model, params, gpu,
        evaluator.withDefaults(), null, "runs/" + runId, null, null, null);
  }

  static CompiledRun run(long runId, TrainingParams params) {
    return run(runId, model(false), params, GpuConfig.cpu(), EvaluatorConfig.empty());
  }

  static TrainingRequest request(CompiledRun run, RetrievalFixture fixture, String resumeFrom) {
    return new TrainingRequest("training-run-" + run.runId(), run, fixture.examples(), fixture.transform(), resumeFrom);
  }
}
