package dev.trainflow.activities.data;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.compile.CompileActivitiesImpl;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Run inputs for tests: the B2B feature config over synthetic or hand-written CSV data. */
public final class SampleRuns {
  private SampleRuns() {}

  public static FeatureConfig b2bFeatures() {
    return new FeatureConfig(
        "customer_id",
        "product_id",
        List.of(
            new FeatureSpec(null, "customer_id", "string", "embedding", null, null),
            new FeatureSpec(null, "segment", "string", "embedding", 8, null),
            new FeatureSpec(null, "revenue", "float", "normalize", null, null)),
        List.of(
            new FeatureSpec(null, "product_id", "string", "embedding", null, null),
            new FeatureSpec(null, "category", "string", "embedding", 8, null),
            new FeatureSpec(null, "price", "float", "bucketize", 4, 5)),
        "timestamp");
  }

  public static ModelConfig retrieval() {
    return new ModelConfig("retrieval", null, null, null, null, null, null);
  }

  public static TrainingParams params(String splitStrategy, double validation, double test, double samplePercent, long seed) {
    return new TrainingParams(
        null, null, null, null, samplePercent, splitStrategy, validation, test, seed, null);
  }

  public static TrainingRunInput input(long runId, DatasetSource source, FeatureConfig features, TrainingParams params) {
    return new TrainingRunInput(
        runId,
        "run-" + runId,
        3,
        "b2b-recommender",
        1,
        5,
        "orders",
        source,
        11,
        features,
        13,
        retrieval(),
        params,
        null,
        null,
        null,
        null,
        null);
  }

  public static TrainingRunInput synthetic(long runId, TrainingParams params) {
    return input(runId, DatasetSource.synthetic(300, 80, 5000, 7), b2bFeatures(), params);
  }

  public static DatasetSource csv(Path file, Map<String, String> columns) {
    return new DatasetSource(DatasetSource.CSV, null, null, null, null, file.toUri().toString(), columns, null);
  }

  /** The B2B columns, as a {@code csv} source declares them. */
  public static Map<String, String> b2bColumns() {
    return Map.of(
        "customer_id", "string",
        "city", "string",
        "segment", "string",
        "revenue", "float",
        "product_id", "string",
        "category", "string",
        "price", "float",
        "timestamp", "timestamp",
        "quantity", "int");
  }

  public static CompiledRun compile(ArtifactStore store, TrainingRunInput input) {
    return new CompileActivitiesImpl(store).compile(input);
  }

  /** A compiled run with a different feature config, as a later stage would receive it. */
  public static CompiledRun withFeatures(CompiledRun run, FeatureConfig features) {
    return new CompiledRun(
        run.runId(), run.runName(), run.mlModelId(), run.mlModelName(), run.datasetId(), run.datasetName(),
        run.datasetSource(), features, run.modelConfig(), run.trainingParams(), run.gpuConfig(),
        run.evaluatorConfig(), run.deploymentConfig(), run.artifactPrefix(), run.configSnapshotUri(),
        run.configSha256(), run.priceSheet());
  }
}
