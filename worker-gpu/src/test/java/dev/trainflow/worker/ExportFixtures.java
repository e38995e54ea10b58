package dev.trainflow.worker;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.worker.training.TwoTowerTrainer;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import java.util.List;

/** A trained multitask model over every transform, for the export and evaluation tests of other packages. */
public final class ExportFixtures {
  private ExportFixtures() {}

  public record Trained(RetrievalFixture fixture, TrainingResult result) {}

  public static Trained trainMultitask(LocalArtifactStore store, long runId) {
    RetrievalFixture fixture =
        RetrievalFixture.write(store, "datasets/every", 200, 120, 6_000, 13, RetrievalFixture.Towers.EVERY_TRANSFORM);
    ModelConfig model =
        new ModelConfig("multitask", 16, List.of(16), List.of(16), null, null, false, List.of(16), 1.0, 1.0, true, null, true)
            .withDefaults();
    CompiledRun run = TestRuns.run(runId, model, TestRuns.params(2, 512, "adagrad", 0.1, 3, 10), GpuConfig.cpu(), EvaluatorConfig.empty());
    TrainingResult result = new TwoTowerTrainer(store, (id, m) -> {}, h -> {}).train(TestRuns.request(run, fixture, null), null, "w");
    return new Trained(fixture, result);
  }

  /** A trained ranking model (its serving_default returns predictions) over the feature-rich towers. */
  public static Trained trainRanking(LocalArtifactStore store, long runId) {
    RetrievalFixture fixture =
        RetrievalFixture.write(store, "datasets/rich-" + runId, 120, 60, 3_000, 17, RetrievalFixture.Towers.RICH);
    CompiledRun run =
        TestRuns.run(runId, TestRuns.model("ranking"), TestRuns.params(1, 512, "adagrad", 0.1, 3, 10), GpuConfig.cpu(), EvaluatorConfig.empty());
    TrainingResult result = new TwoTowerTrainer(store, (id, m) -> {}, h -> {}).train(TestRuns.request(run, fixture, null), null, "w");
    return new Trained(fixture, result);
  }
}
