package dev.trainflow.activities.data;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.observability.DataQualityMeters;
import dev.trainflow.activities.quality.DataValidationReport;
import dev.trainflow.activities.quality.DataValidator;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.DataActivities;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.FeatureStatistics;
import dev.trainflow.workflows.activities.SchemaResult;
import dev.trainflow.workflows.activities.SplitInfo;
import dev.trainflow.workflows.activities.StatisticsResult;
import dev.trainflow.workflows.activities.TransformResult;
import dev.trainflow.workflows.activities.TransformSpec;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.DataValidationSpec;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The data stages. Every artifact lives under the run's prefix at a fixed path and is written
 * whole (atomically replaced), so a retried attempt overwrites the failed one's files.
 *
 * <ul>
 *   <li>{@code examples/train.csv}, {@code validation.csv}, {@code test.csv}, {@code
 *       candidates.csv};
 *   <li>{@code statistics/statistics.json} ({@link StatisticsReport});
 *   <li>{@code schema/schema.json} ({@link DatasetSchema}), {@code schema/previous_schema.json}
 *       when the dataset had one, and the dataset's current schema at {@code
 *       datasets/<id>/schema.json};
 *   <li>{@code transform/transform.json} ({@link TransformSpec}).
 * </ul>
 */
public final class DataActivitiesImpl implements DataActivities {
  private final ArtifactStore store;
  private final DatasetMaterializer materializer;
  private final Clock clock;
  /** Micrometer's global registry, as the trainer's meters: the api's registry and the gpu worker's join it. */
  private final DataQualityMeters meters = new DataQualityMeters(Metrics.globalRegistry);

  public DataActivitiesImpl(ArtifactStore store) {
    this(store, new DatasetMaterializer());
  }

  public DataActivitiesImpl(ArtifactStore store, DatasetMaterializer materializer) {
    this(store, materializer, Clock.systemUTC());
  }

  /** @param clock what the freshness check measures age against */
  public DataActivitiesImpl(ArtifactStore store, DatasetMaterializer materializer, Clock clock) {
    this.store = store;
    this.materializer = materializer;
    this.clock = clock;
  }

  @Override
  public ExamplesResult prepareExamples(CompiledRun run) {
    MaterializedDataset dataset = materializer.materialize(run.datasetSource());
    String checksum = Sha256.hex(dataset.table().toBytes());
    FeatureConfig features = run.featureConfig();
    if (run.modelConfig().tabular()) {
      return tabularExamples(run, dataset, checksum);
    }
    // The catalog needs the candidate columns now; the Schema stage reports the same problems.
    List<String> missing = SchemaAnomalyDetector.missingColumns(features, dataset.table().header());
    if (!missing.isEmpty()) {
      throw TrainingFailures.dataValidation(String.join("; ", missing));
    }
    TrainingParams params =
        (run.trainingParams() != null ? run.trainingParams() : TrainingParams.empty()).withDefaults(run.modelConfig());
    CsvTable sampled = ExampleSplitter.sample(dataset.table(), params.dataSamplePercent(), params.seed());
    ExampleSplits splits =
        "strict_time".equals(params.splitStrategy())
            ? ExampleSplitter.byTime(
                sampled, timestampColumn(features, dataset), params.validationSplit(), params.testSplit())
            : ExampleSplitter.byHash(sampled, params.seed(), params.validationSplit(), params.testSplit());
    return examples(run, dataset, checksum, sampled, splits, write(run, "candidates", CandidateCatalog.build(sampled, features)));
  }

  /**
   * A tabular run's examples: the label and every named column must exist, the label may not be
   * empty, and the split keeps each class's share in the test part (no candidate catalog).
   */
  private ExamplesResult tabularExamples(CompiledRun run, MaterializedDataset dataset, String checksum) {
    FeatureConfig features = run.featureConfig();
    List<String> header = dataset.table().header();
    List<String> problems = new java.util.ArrayList<>();
    if (!header.contains(features.labelColumn())) {
      problems.add("label_column '" + features.labelColumn() + "' is not a column of the dataset " + header);
    }
    for (List<String> named : java.util.Arrays.asList(features.ignoredColumns(), features.categoricalColumns())) {
      if (named != null) {
        named.stream()
            .filter(c -> !header.contains(c))
            .forEach(c -> problems.add("column '" + c + "' is not in the dataset " + header));
      }
    }
    if (!problems.isEmpty()) {
      throw TrainingFailures.dataValidation(String.join("; ", problems));
    }
    long emptyLabels = java.util.Arrays.stream(dataset.table().values(features.labelColumn())).filter(String::isBlank).count();
    if (emptyLabels > 0) {
      throw TrainingFailures.dataValidation(emptyLabels + " rows have no value in the label column '" + features.labelColumn() + "'");
    }
    TrainingParams params =
        (run.trainingParams() != null ? run.trainingParams() : TrainingParams.empty()).withDefaults(run.modelConfig());
    CsvTable sampled = ExampleSplitter.sample(dataset.table(), params.dataSamplePercent(), params.seed());
    String strata = ModelConfig.CLASSIFICATION.equals(run.modelConfig().modelType()) ? features.labelColumn() : null;
    ExampleSplits splits = StratifiedSplitter.split(sampled, strata, params.testSplit(), params.seed());
    return examples(run, dataset, checksum, sampled, splits, null);
  }

  private ExamplesResult examples(
      CompiledRun run, MaterializedDataset dataset, String checksum, CsvTable sampled, ExampleSplits splits,
      SplitInfo candidates) {
    return new ExamplesResult(
        checksum,
        dataset.rows(),
        sampled.size(),
        dataset.columns(),
        write(run, "train", splits.train()),
        write(run, "validation", splits.validation()),
        write(run, "test", splits.test()),
        candidates);
  }

  @Override
  public StatisticsResult computeStatistics(CompiledRun run, ExamplesResult examples) {
    List<FeatureStatistics> columns = ColumnProfiler.profile(read(examples.train()), examples.columns());
    Map<String, Long> splitRows = new LinkedHashMap<>();
    Stream.concat(examples.splits().stream(), Stream.ofNullable(examples.candidates()))
        .forEach(split -> splitRows.put(split.name(), split.rows()));
    StatisticsReport report =
        new StatisticsReport(examples.datasetChecksum(), examples.datasetRows(), examples.sampledRows(), splitRows, columns);
    String uri = store.write(run.artifactPrefix() + "/statistics/statistics.json", JsonCodec.toBytes(report));
    return new StatisticsResult(uri, columns);
  }

  @Override
  public SchemaResult validateSchema(CompiledRun run, ExamplesResult examples, StatisticsResult statistics) {
    String datasetSchemaPath = "datasets/" + run.datasetId() + "/schema.json";
    String previousCopyPath = run.artifactPrefix() + "/schema/previous_schema.json";
    DatasetSchema previous = previousSchema(run, datasetSchemaPath, previousCopyPath);

    Map<String, CsvTable> splits = new LinkedHashMap<>();
    examples.splits().forEach(split -> splits.put(split.name(), read(split)));
    checkDataQuality(run, examples, splits);
    SchemaAnomalies anomalies =
        SchemaAnomalyDetector.detect(
            run.featureConfig(), examples.columns(), splits, statistics != null ? statistics.columns() : null, previous);
    if (!anomalies.breaking().isEmpty()) {
      // The dataset's stored schema stays as it was: a schema that cannot train is no baseline.
      throw TrainingFailures.dataValidation("schema anomalies: " + String.join("; ", anomalies.breaking()));
    }

    DatasetSchema schema = new DatasetSchema(run.datasetId(), run.runId(), examples.datasetChecksum(), examples.columns());
    String previousUri = previous == null ? null : store.write(previousCopyPath, JsonCodec.toBytes(previous));
    String uri = store.write(run.artifactPrefix() + "/schema/schema.json", JsonCodec.toBytes(schema));
    store.write(datasetSchemaPath, JsonCodec.toBytes(schema));
    return new SchemaResult(uri, examples.columns(), previousUri, anomalies.warnings());
  }

  @Override
  public TransformResult fitTransform(CompiledRun run, ExamplesResult examples, SchemaResult schema) {
    TransformSpec spec = TransformFitter.fit(run.featureConfig(), run.modelConfig(), read(examples.train()));
    Map<String, Integer> vocabularySizes = new LinkedHashMap<>();
    Stream.concat(spec.queryFeatures().stream(), spec.candidateFeatures().stream())
        .filter(t -> "embedding".equals(t.transform()))
        .forEach(t -> vocabularySizes.put(t.name(), t.vocabulary().size()));
    String uri = store.write(run.artifactPrefix() + "/transform/transform.json", JsonCodec.toBytes(spec));
    return new TransformResult(uri, vocabularySizes);
  }

  /**
   * The dataset's data-quality gate, when it has one, over every row the run trains, validates and
   * tests on (the splits together). The report is written before the verdict, so a failed run
   * still shows what failed. Running inside the Schema stage keeps the workflow's commands as they
   * were: no new activity, so no new workflow version.
   */
  private void checkDataQuality(CompiledRun run, ExamplesResult examples, Map<String, CsvTable> splits) {
    DataValidationSpec spec = run.datasetSource() == null ? null : run.datasetSource().validation();
    if (spec == null) {
      return;
    }
    List<String[]> rows = new ArrayList<>();
    List<String> header = null;
    for (CsvTable split : splits.values()) {
      header = split.header();
      rows.addAll(split.rows());
    }
    CsvTable all = new CsvTable(header == null ? List.of() : header, rows);
    DataValidationReport report =
        new DataValidator(clock.instant()).validate(run.runId(), examples.datasetChecksum(), all, spec);
    store.write(DataValidationReport.path(run.runId()), JsonCodec.toBytes(report));
    meters.record(report);
    if (!report.passed()) {
      throw TrainingFailures.dataValidation(report.failureMessage());
    }
  }

  /**
   * The schema this run compares with. The dataset's stored schema, unless this run wrote it: then
   * an earlier attempt got this far, and its copy of what it compared with is the baseline.
   */
  private DatasetSchema previousSchema(CompiledRun run, String datasetSchemaPath, String previousCopyPath) {
    String stored = store.uriOf(datasetSchemaPath);
    if (!store.exists(stored)) {
      return null;
    }
    DatasetSchema schema = JsonCodec.fromBytes(store.read(stored), DatasetSchema.class);
    if (schema.runId() != run.runId()) {
      return schema;
    }
    String copy = store.uriOf(previousCopyPath);
    return store.exists(copy) ? JsonCodec.fromBytes(store.read(copy), DatasetSchema.class) : null;
  }

  private static String timestampColumn(FeatureConfig features, MaterializedDataset dataset) {
    if (features.timestampColumn() != null) {
      return features.timestampColumn();
    }
    if (dataset.table().has("timestamp")) {
      return "timestamp";
    }
    throw TrainingFailures.invalidConfig(
        "training_params.split_strategy: strict_time needs feature_config.timestamp_column or a column named"
            + " 'timestamp'; the dataset has " + String.join(", ", dataset.table().header()));
  }

  private SplitInfo write(CompiledRun run, String name, CsvTable table) {
    byte[] content = table.toBytes();
    String uri = store.write(run.artifactPrefix() + "/examples/" + name + ".csv", content);
    return new SplitInfo(name, uri, table.size(), Sha256.hex(content));
  }

  private CsvTable read(SplitInfo split) {
    return CsvTable.parse(store.read(split.uri()));
  }
}
