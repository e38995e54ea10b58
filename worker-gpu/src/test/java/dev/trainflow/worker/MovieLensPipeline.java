package dev.trainflow.worker;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.compile.CompileActivitiesImpl;
import dev.trainflow.activities.data.DataActivitiesImpl;
import dev.trainflow.worker.training.TwoTowerTrainer;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationRequest;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.SchemaResult;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.activities.TransformResult;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MovieLens 100K through the same stages a run goes through (Compile, Examples, Statistics,
 * Schema, Transform, Train, Evaluate), without Temporal: what the benchmarks measure is what a
 * run on the REST API would get. The data is read where it lies (../shared/datasets).
 */
final class MovieLensPipeline {
  private static final String FOLDER = "shared/datasets/movielens-100k";

  /** One run's outcome: every epoch's validation metrics, the training result and the test evaluation. */
  record Outcome(List<EpochMetrics> epochs, TrainingResult training, EvaluationResult evaluation, double seconds) {}

  private final LocalArtifactStore store;
  private final Path movieLens;
  private long nextRunId = 1;

  MovieLensPipeline(Path root, Path movieLens) {
    this.store = new LocalArtifactStore(root);
    this.movieLens = movieLens;
  }

  /** The nearest {@code shared/datasets/movielens-100k} above the working directory, or null. */
  static Path find() {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve(FOLDER).resolve("u.data"))) {
        return at.resolve(FOLDER);
      }
    }
    return null;
  }

  Outcome run(FeatureConfig features, ModelConfig model, TrainingParams params) {
    long started = System.nanoTime();
    long runId = nextRunId++;
    TrainingRunInput input =
        new TrainingRunInput(
            runId, "movielens-" + runId, 1, "movielens", (int) runId, 1, "movielens-100k",
            DatasetSource.movielens(movieLens.toString()), 1, features, 1, model, params, GpuConfig.cpu(),
            EvaluatorConfig.empty(), null);
    CompiledRun run = new CompileActivitiesImpl(store).compile(input);
    DataActivitiesImpl data = new DataActivitiesImpl(store);
    ExamplesResult examples = data.prepareExamples(run);
    SchemaResult schema = data.validateSchema(run, examples, data.computeStatistics(run, examples));
    TransformResult transform = data.fitTransform(run, examples, schema);
    List<EpochMetrics> epochs = new ArrayList<>();
    TrainingResult trained =
        new TwoTowerTrainer(store, (id, m) -> epochs.add(m), h -> {})
            .train(new TrainingRequest("movielens-" + runId, run, examples, transform, null), null, "benchmark");
    EvaluationResult evaluation =
        new EvaluationActivitiesImpl(store).evaluate(new EvaluationRequest(run, examples, transform, trained));
    return new Outcome(epochs, trained, evaluation, (System.nanoTime() - started) / 1e9);
  }
}
