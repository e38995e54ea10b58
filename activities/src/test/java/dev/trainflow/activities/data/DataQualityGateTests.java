package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.quality.DataValidationReport;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.DataValidationSpec;
import dev.trainflow.workflows.spec.DataValidationSpec.Validity;
import dev.trainflow.workflows.spec.DatasetSource;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset's data-quality gate inside the Schema stage: the report is an artifact either way. */
class DataQualityGateTests {
  @TempDir Path root;

  private ApplicationFailure runSchemaStage(LocalArtifactStore store, DataValidationSpec spec, long runId) {
    DatasetSource source = DatasetSource.synthetic(300, 80, 5000, 7);
    source = new DatasetSource(source.type(), source.customers(), source.products(), source.interactions(), source.seed(),
        null, null, null, null, spec);
    CompiledRun run =
        SampleRuns.compile(store, SampleRuns.input(runId, source, SampleRuns.b2bFeatures(), SampleRuns.params("random", 0.1, 0.1, 100.0, 42)));
    // the synthetic data spans 2024; "now" is a week after its newest row
    DataActivitiesImpl activities =
        new DataActivitiesImpl(store, new DatasetMaterializer(), Clock.fixed(Instant.parse("2025-01-07T00:00:00Z"), ZoneOffset.UTC));
    ExamplesResult examples = activities.prepareExamples(run);
    return catchThrowableOfType(
        () -> activities.validateSchema(run, examples, activities.computeStatistics(run, examples)), ApplicationFailure.class);
  }

  private static DataValidationSpec gate(double maxPrice) {
    return new DataValidationSpec(
        1000L,
        Map.of("customer_id", 0.0, "price", 0.0),
        List.of(
            new Validity("segment", "string", null, null, List.of("smb", "mid_market", "enterprise", "public_sector"), null),
            new Validity("price", "float", 0.0, maxPrice, null, null)),
        List.of(),
        List.of(),
        new DataValidationSpec.Freshness("timestamp", 14.0));
  }

  @Test
  void shouldPassTheGateAndWriteTheReport() {
    LocalArtifactStore store = new LocalArtifactStore(root);

    assertThat(runSchemaStage(store, gate(1e9), 21)).isNull();

    DataValidationReport report =
        JsonCodec.fromBytes(store.read(store.uriOf(DataValidationReport.path(21))), DataValidationReport.class);
    assertThat(report.passed()).isTrue();
    assertThat(report.rows()).isEqualTo(5000);
    assertThat(report.checks()).hasSize(8);
  }

  @Test
  void shouldFailTheRunNonRetryablyNamingTheColumnAndCheck() {
    LocalArtifactStore store = new LocalArtifactStore(root);

    ApplicationFailure failure = runSchemaStage(store, gate(1.0), 22);

    assertThat(failure).isNotNull();
    assertThat(failure.getType()).isEqualTo("data_validation");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).startsWith("data validation failed: validity (range) of 'price':");
    DataValidationReport report =
        JsonCodec.fromBytes(store.read(store.uriOf(DataValidationReport.path(22))), DataValidationReport.class);
    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).singleElement().satisfies(f -> {
      assertThat(f.column()).isEqualTo("price");
      assertThat(f.sampleRows()).hasSize(5);
    });
  }
}
