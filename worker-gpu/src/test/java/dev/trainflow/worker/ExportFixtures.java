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

  /**
   * A retrieval model with {@code embeddingDim}-dim embeddings over a catalog of {@code products}
   * (feature-rich towers, one epoch): the serving benchmark's model.
   */
  public static Trained trainRetrieval(
      LocalArtifactStore store, long runId, int customers, int products, int interactions, int embeddingDim) {
    RetrievalFixture fixture =
        RetrievalFixture.write(store, "datasets/retrieval-" + runId, customers, products, interactions, 29, RetrievalFixture.Towers.RICH);
    ModelConfig model = new ModelConfig("retrieval", embeddingDim, null, null, null, null, false).withDefaults();
    CompiledRun run = TestRuns.run(runId, model, TestRuns.params(1, 1024, "adagrad", 0.1, 3, 10), GpuConfig.cpu(), EvaluatorConfig.empty());
    TrainingResult result = new TwoTowerTrainer(store, (id, m) -> {}, h -> {}).train(TestRuns.request(run, fixture, null), null, "w");
    return new Trained(fixture, result);
  }
}
