package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.FeatureStatistics;
import dev.trainflow.workflows.activities.FeatureTransform;
import dev.trainflow.workflows.activities.SchemaResult;
import dev.trainflow.workflows.activities.SplitInfo;
import dev.trainflow.workflows.activities.StatisticsResult;
import dev.trainflow.workflows.activities.TransformResult;
import dev.trainflow.workflows.activities.TransformSpec;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import dev.trainflow.workflows.spec.TrainingParams;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataActivitiesImplTests {
  private static final String HEADER = "customer_id,city,segment,revenue,product_id,category,price,timestamp,quantity";

  @TempDir Path root;

  private LocalArtifactStore store() {
    return new LocalArtifactStore(root.resolve("artifacts"));
  }

  private static TrainingParams random(double validation, double test) {
    return SampleRuns.params("random", validation, test, 100.0, 42);
  }

  /** A run over the synthetic dataset (300 customers, 80 products, 5000 interactions). */
  private CompiledRun synthetic(LocalArtifactStore store, TrainingParams params) {
    return SampleRuns.compile(store, SampleRuns.synthetic(17, params));
  }

  /** A run over a CSV of {@code rows} B2B interactions, each row made by {@code row}. */
  private CompiledRun csv(
      LocalArtifactStore store, long runId, int rows, Function<Integer, String> row, TrainingParams params) throws Exception {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (int i = 0; i < rows; i++) {
      lines.add(row.apply(i));
    }
    Path file = Files.write(root.resolve("orders-" + runId + "-" + rows + ".csv"), lines);
    return SampleRuns.compile(
        store, SampleRuns.input(runId, SampleRuns.csv(file, SampleRuns.b2bColumns()), SampleRuns.b2bFeatures(), params));
  }

  private static String order(int i) {
    return order(i, (10 + i % 5) + ".5");
  }

  private static String order(int i, String price) {
    return String.format("C%02d,berlin,smb,1000.5,P%02d,cat%d,%s,%d,1", i % 13, i % 7, i % 3, price, 1_700_000_000 + i * 60);
  }

  private static FeatureConfig withLabel(FeatureConfig f, String label) {
    return new FeatureConfig(
        f.queryIdColumn(), f.candidateIdColumn(), f.queryFeatures(), f.candidateFeatures(), f.timestampColumn(), label);
  }

  private static CsvTable read(SplitInfo split) {
    return CsvTable.parse(readBytes(split.uri()));
  }

  private static byte[] readBytes(String uri) {
    try {
      return Files.readAllBytes(Path.of(URI.create(uri)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApplicationFailure failure(Runnable stage) {
    return catchThrowableOfType(stage::run, ApplicationFailure.class);
  }

  @Nested
  class PrepareExamples {
    @Test
    void shouldSplitByTheConfiguredFractions() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.2));

      ExamplesResult examples = new DataActivitiesImpl(store).prepareExamples(run);

      assertThat(examples.datasetRows()).isEqualTo(5000);
      assertThat(examples.sampledRows()).isEqualTo(5000);
      assertThat(examples.train().rows() + examples.validation().rows() + examples.test().rows()).isEqualTo(5000);
      assertThat(examples.train().rows() / 5000.0).isCloseTo(0.7, within(0.03));
      assertThat(examples.validation().rows() / 5000.0).isCloseTo(0.1, within(0.02));
      assertThat(examples.test().rows() / 5000.0).isCloseTo(0.2, within(0.025));
      assertThat(examples.columns()).isEqualTo(SyntheticDatasetGenerator.COLUMNS);
      for (SplitInfo split : List.of(examples.train(), examples.validation(), examples.test(), examples.candidates())) {
        assertThat(split.uri()).endsWith("runs/17/examples/" + split.name() + ".csv");
        assertThat(split.sha256()).isEqualTo(Sha256.hex(readBytes(split.uri())));
        assertThat(read(split).size()).isEqualTo(split.rows());
      }
      assertThat(List.of(examples.train().name(), examples.validation().name(), examples.test().name(), examples.candidates().name()))
          .containsExactly("train", "validation", "test", "candidates");
      assertThat(examples.datasetChecksum())
          .isEqualTo(Sha256.hex(new SyntheticDatasetGenerator().generate(300, 80, 5000, 7).table().toBytes()));
    }

    @Test
    void shouldReproduceTheRandomSplitAndChangeItWithTheSeed() {
      LocalArtifactStore one = new LocalArtifactStore(root.resolve("one"));
      LocalArtifactStore two = new LocalArtifactStore(root.resolve("two"));
      LocalArtifactStore three = new LocalArtifactStore(root.resolve("three"));

      ExamplesResult first = new DataActivitiesImpl(one).prepareExamples(synthetic(one, random(0.1, 0.1)));
      ExamplesResult again = new DataActivitiesImpl(two).prepareExamples(synthetic(two, random(0.1, 0.1)));
      ExamplesResult otherSeed =
          new DataActivitiesImpl(three)
              .prepareExamples(synthetic(three, SampleRuns.params("random", 0.1, 0.1, 100.0, 43)));

      assertThat(again.train().sha256()).isEqualTo(first.train().sha256());
      assertThat(again.validation().sha256()).isEqualTo(first.validation().sha256());
      assertThat(again.test().sha256()).isEqualTo(first.test().sha256());
      assertThat(otherSeed.test().sha256()).isNotEqualTo(first.test().sha256());
      assertThat(otherSeed.datasetChecksum()).isEqualTo(first.datasetChecksum());
    }

    @Test
    void shouldSampleTheConfiguredPercentReproducibly() {
      LocalArtifactStore one = new LocalArtifactStore(root.resolve("one"));
      LocalArtifactStore two = new LocalArtifactStore(root.resolve("two"));
      TrainingParams thirty = SampleRuns.params("random", 0.1, 0.1, 30.0, 42);

      ExamplesResult first = new DataActivitiesImpl(one).prepareExamples(synthetic(one, thirty));
      ExamplesResult again = new DataActivitiesImpl(two).prepareExamples(synthetic(two, thirty));

      assertThat(first.datasetRows()).isEqualTo(5000);
      assertThat(first.sampledRows()).isBetween(1350L, 1650L);
      assertThat(first.train().rows() + first.validation().rows() + first.test().rows()).isEqualTo(first.sampledRows());
      assertThat(again.train().sha256()).isEqualTo(first.train().sha256());
    }

    @Test
    void shouldPutTheNewestInteractionsInTestForStrictTime() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, SampleRuns.params("strict_time", 0.1, 0.2, 100.0, 42));

      ExamplesResult examples = new DataActivitiesImpl(store).prepareExamples(run);

      assertThat(examples.train().rows()).isEqualTo(3500);
      assertThat(examples.validation().rows()).isEqualTo(500);
      assertThat(examples.test().rows()).isEqualTo(1000);
      long[] train = timestamps(read(examples.train()));
      long[] validation = timestamps(read(examples.validation()));
      long[] test = timestamps(read(examples.test()));
      assertThat(LongStream.of(train).max().getAsLong()).isLessThanOrEqualTo(LongStream.of(validation).min().getAsLong());
      assertThat(LongStream.of(validation).max().getAsLong()).isLessThanOrEqualTo(LongStream.of(test).min().getAsLong());
    }

    @Test
    void shouldRequireATimestampColumnForStrictTime() throws Exception {
      LocalArtifactStore store = store();
      Path file = Files.write(root.resolve("plain.csv"), List.of("customer_id,product_id", "C1,P1", "C2,P2"));
      FeatureConfig features =
          new FeatureConfig(
              "customer_id",
              "product_id",
              List.of(new FeatureSpec(null, "customer_id", "string", "embedding", null, null)),
              List.of(new FeatureSpec(null, "product_id", "string", "embedding", null, null)),
              null);
      CompiledRun run =
          SampleRuns.compile(
              store,
              SampleRuns.input(
                  17,
                  SampleRuns.csv(file, Map.of("customer_id", "string", "product_id", "string")),
                  features,
                  SampleRuns.params("strict_time", 0.1, 0.1, 100.0, 42)));

      ApplicationFailure failure = failure(() -> new DataActivitiesImpl(store).prepareExamples(run));

      assertThat(failure.getType()).isEqualTo("invalid_config");
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).contains("feature_config.timestamp_column", "strict_time");
    }

    @Test
    void shouldCatalogEachCandidateOnceSortedById() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));

      ExamplesResult examples = new DataActivitiesImpl(store).prepareExamples(run);

      CsvTable catalog = read(examples.candidates());
      List<String> ids = List.of(catalog.values("product_id"));
      assertThat(catalog.header()).containsExactly("product_id", "category", "price");
      assertThat(ids).doesNotHaveDuplicates().isSorted();
      assertThat(new HashSet<>(ids))
          .isEqualTo(new HashSet<>(Arrays.asList(new SyntheticDatasetGenerator().generate(300, 80, 5000, 7).table().values("product_id"))));
    }

    @Test
    void shouldOverwriteItsFilesOnRetry() throws Exception {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      DataActivitiesImpl activities = new DataActivitiesImpl(store);

      ExamplesResult first = activities.prepareExamples(run);
      ExamplesResult retried = activities.prepareExamples(run);

      assertThat(retried).isEqualTo(first);
      try (Stream<Path> files = Files.list(store.root().resolve("runs/17/examples"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("train.csv", "validation.csv", "test.csv", "candidates.csv");
      }
    }

    @Test
    void shouldNameAConfiguredColumnTheDatasetLacks() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      CompiledRun withRegion = SampleRuns.withFeatures(run, withQueryFeature(new FeatureSpec(null, "region", "string", "embedding", null, null)));

      ApplicationFailure failure = failure(() -> new DataActivitiesImpl(store).prepareExamples(withRegion));

      assertThat(failure.getType()).isEqualTo("data_validation");
      assertThat(failure.getOriginalMessage()).contains("feature_config.query_features[3].column", "'region'");
    }

    private long[] timestamps(CsvTable table) {
      return Arrays.stream(table.values("timestamp")).mapToLong(Long::parseLong).toArray();
    }
  }

  @Nested
  class ComputeStatistics {
    @Test
    void shouldWriteTheReportWithSplitRowsAndReturnTheTrainSummary() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      DataActivitiesImpl activities = new DataActivitiesImpl(store);
      ExamplesResult examples = activities.prepareExamples(run);

      StatisticsResult statistics = activities.computeStatistics(run, examples);

      assertThat(statistics.uri()).endsWith("runs/17/statistics/statistics.json");
      assertThat(statistics.columns()).extracting(FeatureStatistics::column)
          .containsExactlyElementsOf(SyntheticDatasetGenerator.COLUMNS.stream().map(c -> c.name()).toList());
      assertThat(statistics.columns()).allSatisfy(s -> assertThat(s.count()).isEqualTo(examples.train().rows()));
      StatisticsReport report = JsonCodec.fromBytes(readBytes(statistics.uri()), StatisticsReport.class);
      assertThat(report.splitRows())
          .containsEntry("train", examples.train().rows())
          .containsEntry("validation", examples.validation().rows())
          .containsEntry("test", examples.test().rows())
          .containsEntry("candidates", examples.candidates().rows());
      assertThat(report.columns()).isEqualTo(statistics.columns());
      assertThat(report.datasetChecksum()).isEqualTo(examples.datasetChecksum());
    }
  }

  @Nested
  class ValidateSchema {
    private SchemaResult validate(LocalArtifactStore store, CompiledRun run) {
      DataActivitiesImpl activities = new DataActivitiesImpl(store);
      ExamplesResult examples = activities.prepareExamples(run);
      return activities.validateSchema(run, examples, activities.computeStatistics(run, examples));
    }

    private ApplicationFailure breaking(LocalArtifactStore store, CompiledRun run) {
      ApplicationFailure failure = failure(() -> validate(store, run));
      assertThat(failure.getType()).isEqualTo("data_validation");
      assertThat(failure.isNonRetryable()).isTrue();
      return failure;
    }

    @Test
    void shouldStoreTheSchemaForTheDatasetAndTheRun() {
      LocalArtifactStore store = store();

      SchemaResult schema = validate(store, synthetic(store, random(0.1, 0.1)));

      assertThat(schema.columns()).isEqualTo(SyntheticDatasetGenerator.COLUMNS);
      assertThat(schema.previousSchemaUri()).isNull();
      assertThat(schema.warnings()).isEmpty();
      assertThat(schema.uri()).endsWith("runs/17/schema/schema.json");
      DatasetSchema stored = JsonCodec.fromBytes(readBytes(store.uriOf("datasets/5/schema.json")), DatasetSchema.class);
      assertThat(stored.columns()).isEqualTo(SyntheticDatasetGenerator.COLUMNS);
      assertThat(stored.runId()).isEqualTo(17);
    }

    @Test
    void shouldNameAConfiguredColumnTheDatasetLacks() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      DataActivitiesImpl activities = new DataActivitiesImpl(store);
      ExamplesResult examples = activities.prepareExamples(run);
      StatisticsResult statistics = activities.computeStatistics(run, examples);
      CompiledRun withRegion =
          SampleRuns.withFeatures(run, withQueryFeature(new FeatureSpec(null, "region", "string", "embedding", null, null)));

      ApplicationFailure failure = failure(() -> activities.validateSchema(withRegion, examples, statistics));

      assertThat(failure.getType()).isEqualTo("data_validation");
      assertThat(failure.getOriginalMessage()).contains("no column 'region'");
    }

    @Test
    void shouldNameAFeatureDeclaredFloatOverAColumnOfStrings() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      CompiledRun floatSegment =
          SampleRuns.withFeatures(run, withQueryFeature(new FeatureSpec("segment_size", "segment", "float", "normalize", null, null)));

      ApplicationFailure failure = breaking(store, floatSegment);

      assertThat(failure.getOriginalMessage()).contains("'segment_size' is declared float, but column 'segment' is string");
    }

    @Test
    void shouldNameANumericTransformOverAColumnOfStrings() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      // A string feature with normalize never passes Compile; a run from elsewhere still gets a clear answer.
      CompiledRun normalizedCity =
          SampleRuns.withFeatures(run, withQueryFeature(new FeatureSpec(null, "city", "string", "normalize", null, null)));

      ApplicationFailure failure = breaking(store, normalizedCity);

      assertThat(failure.getOriginalMessage()).contains("normalize needs a numeric column, but column 'city' is string");
    }

    @Test
    void shouldNameAnIntFeatureOverAColumnOfFloats() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      CompiledRun intPrice =
          SampleRuns.withFeatures(run, withQueryFeature(new FeatureSpec("price_int", "price", "int", "bucketize", null, null)));

      ApplicationFailure failure = breaking(store, intPrice);

      assertThat(failure.getOriginalMessage()).contains("is declared int, but column 'price' is float");
    }

    @Test
    void shouldNameEmptySplits() throws Exception {
      LocalArtifactStore store = store();
      CompiledRun run = csv(store, 17, 4, DataActivitiesImplTests::order, SampleRuns.params("strict_time", 0.1, 0.1, 100.0, 42));

      ApplicationFailure failure = breaking(store, run);

      assertThat(failure.getOriginalMessage()).contains("the validation split is empty", "the test split is empty");
    }

    @Test
    void shouldNameAFloatFeatureWithNaNOrInfinity() throws Exception {
      LocalArtifactStore store = store();
      CompiledRun run =
          csv(store, 17, 200, i -> i % 50 == 0 ? order(i, i % 100 == 0 ? "NaN" : "-Infinity") : order(i), random(0.1, 0.1));

      ApplicationFailure failure = breaking(store, run);

      assertThat(failure.getOriginalMessage()).contains("float column 'price' has NaN or infinite values");
    }

    @Test
    void shouldNameASplitWithoutInteractions() throws Exception {
      LocalArtifactStore store = store();
      CompiledRun run = csv(store, 17, 100, i -> order(i).replaceFirst("^C\\d+", ""), random(0.1, 0.1));

      ApplicationFailure failure = breaking(store, run);

      assertThat(failure.getOriginalMessage())
          .contains("the train split has no interactions: no row has both a 'customer_id' and a 'product_id'");
    }

    @Test
    void shouldWarnAboutNonBreakingChangesSinceThePreviousSchema() throws Exception {
      LocalArtifactStore store = store();
      validate(store, csv(store, 17, 100, DataActivitiesImplTests::order, random(0.1, 0.1)));
      // The next version of the dataset drops the unused quantity column and adds a discount column.
      List<String> lines = new ArrayList<>(List.of(HEADER.replace(",quantity", ",discount")));
      for (int i = 0; i < 100; i++) {
        lines.add(order(i).replaceFirst(",1$", ",0.25"));
      }
      Path file = Files.write(root.resolve("orders-v2.csv"), lines);
      Map<String, String> columns = new LinkedHashMap<>(SampleRuns.b2bColumns());
      columns.remove("quantity");
      columns.put("discount", "float");
      CompiledRun next =
          SampleRuns.compile(
              store, SampleRuns.input(18, SampleRuns.csv(file, columns), SampleRuns.b2bFeatures(), random(0.1, 0.1)));

      SchemaResult schema = validate(store, next);
      SchemaResult retried = validate(store, next);

      assertThat(schema.warnings())
          .containsExactlyInAnyOrder(
              "column 'discount' (float) is new since the previous schema",
              "column 'quantity' is gone since the previous schema; no feature reads it");
      assertThat(schema.previousSchemaUri()).endsWith("runs/18/schema/previous_schema.json");
      assertThat(retried.warnings()).isEqualTo(schema.warnings());
      assertThat(retried.previousSchemaUri()).isEqualTo(schema.previousSchemaUri());
    }

    @Test
    void shouldNameALabelColumnOfStrings() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      CompiledRun labelled = SampleRuns.withFeatures(run, withLabel(SampleRuns.b2bFeatures(), "category"));

      ApplicationFailure failure = breaking(store, labelled);

      assertThat(failure.getOriginalMessage())
          .contains("feature_config.label_column: column 'category' is string; a ranking label must be a number");
    }

    @Test
    void shouldNameALabelWithEmptyCells() throws Exception {
      LocalArtifactStore store = store();
      CompiledRun run = csv(store, 17, 200, i -> i % 40 == 0 ? order(i, "") : order(i), random(0.1, 0.1));
      CompiledRun labelled = SampleRuns.withFeatures(run, withLabel(SampleRuns.b2bFeatures(), "price"));

      ApplicationFailure failure = breaking(store, labelled);

      assertThat(failure.getOriginalMessage()).contains("feature_config.label_column: column 'price' has empty cells");
    }

    @Test
    void shouldNameACyclicalFeatureOverAColumnThatIsNoTimestamp() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      CompiledRun cyclicalCity =
          SampleRuns.withFeatures(
              run, withQueryFeature(new FeatureSpec("when", "city", "timestamp", "cyclical", null, null, null, null, null, null)));

      ApplicationFailure failure = breaking(store, cyclicalCity);

      assertThat(failure.getOriginalMessage()).contains("'when': cyclical needs a timestamp column", "column 'city' is string");
    }

    @Test
    void shouldNameACrossedColumnTheDatasetLacks() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      CompiledRun crossed =
          SampleRuns.withFeatures(
              run,
              withQueryFeature(
                  new FeatureSpec("segment_x_region", null, null, "cross", 8, null, null, List.of("segment", "region"), 100, null)));

      ApplicationFailure failure = failure(() -> new DataActivitiesImpl(store).prepareExamples(crossed));

      assertThat(failure.getType()).isEqualTo("data_validation");
      assertThat(failure.getOriginalMessage()).contains("feature_config.query_features[3].columns[1]", "'region'");
    }

    @Test
    void shouldKeepTheDatasetsSchemaWhenANewOneBreaks() throws Exception {
      LocalArtifactStore store = store();
      validate(store, csv(store, 17, 100, DataActivitiesImplTests::order, random(0.1, 0.1)));
      byte[] before = readBytes(store.uriOf("datasets/5/schema.json"));

      breaking(store, csv(store, 18, 4, DataActivitiesImplTests::order, SampleRuns.params("strict_time", 0.1, 0.1, 100.0, 42)));

      assertThat(readBytes(store.uriOf("datasets/5/schema.json"))).isEqualTo(before);
    }
  }

  @Nested
  class FitTransform {
    @Test
    void shouldFitOnTheTrainSplitAndWriteTheSpec() {
      LocalArtifactStore store = store();
      CompiledRun run = synthetic(store, random(0.1, 0.1));
      DataActivitiesImpl activities = new DataActivitiesImpl(store);
      ExamplesResult examples = activities.prepareExamples(run);
      SchemaResult schema = activities.validateSchema(run, examples, activities.computeStatistics(run, examples));

      TransformResult result = activities.fitTransform(run, examples, schema);

      TransformSpec spec = JsonCodec.fromBytes(readBytes(result.uri()), TransformSpec.class);
      assertThat(result.uri()).endsWith("runs/17/transform/transform.json");
      assertThat(spec.queryIdColumn()).isEqualTo("customer_id");
      assertThat(spec.candidateIdColumn()).isEqualTo("product_id");
      CsvTable train = read(examples.train());
      assertThat(result.vocabularySizes())
          .containsOnlyKeys("customer_id", "segment", "product_id", "category")
          .containsEntry("customer_id", new HashSet<>(Arrays.asList(train.values("customer_id"))).size())
          .containsEntry("segment", 4);
      FeatureTransform customer = spec.queryFeatures().get(0);
      FeatureTransform segment = spec.queryFeatures().get(1);
      FeatureTransform revenue = spec.queryFeatures().get(2);
      FeatureTransform price = spec.candidateFeatures().get(2);
      assertThat(customer.dim()).isEqualTo(32);
      assertThat(segment.dim()).isEqualTo(8);
      assertThat(revenue.transform()).isEqualTo("normalize");
      assertThat(revenue.mean()).isEqualTo(ColumnProfiler.profile(train, SyntheticDatasetGenerator.COLUMNS.get(3)).mean(), within(1e-6));
      assertThat(price.boundaries()).hasSizeLessThanOrEqualTo(4).isSorted();
      assertThat(price.dim()).isEqualTo(4);
    }
  }

  private static FeatureConfig withQueryFeature(FeatureSpec extra) {
    FeatureConfig base = SampleRuns.b2bFeatures();
    List<FeatureSpec> query = new ArrayList<>(base.queryFeatures());
    query.add(extra);
    return new FeatureConfig(base.queryIdColumn(), base.candidateIdColumn(), query, base.candidateFeatures(), base.timestampColumn());
  }
}
