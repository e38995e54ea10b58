package dev.trainflow.api.runs;

import dev.trainflow.activities.persistence.StoredDataset;
import dev.trainflow.activities.persistence.StoredDatasetVersion;
import dev.trainflow.activities.persistence.TrainingMetricsRepository;
import dev.trainflow.activities.data.ChurnDatasetGenerator;
import dev.trainflow.workflows.spec.DatasetSource;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.PriceSheet;
import dev.trainflow.workflows.spec.TrainingParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Estimates a run's duration and cost from the dataset's size, the epochs, and the throughput of
 * recent runs on the same kind of device (assumed ranges until there is history).
 */
@Component
class RunEstimator {
  /** Examples/s on CPU (2–16 cores) and per GPU, before any run has been measured. */
  static final RunEstimate.Range ASSUMED_CPU = new RunEstimate.Range(20_000, 150_000);
  static final RunEstimate.Range ASSUMED_PER_GPU = new RunEstimate.Range(150_000, 1_000_000);
  /** Compile, data stages, evaluation and registration: seconds, plus per million rows. */
  private static final double FIXED_OVERHEAD_SECONDS = 10;
  private static final double OVERHEAD_SECONDS_PER_MILLION_ROWS = 30;
  private static final int HISTORY_EPOCHS = 50;

  private final TrainingMetricsRepository metrics;
  private final PriceSheet prices;

  RunEstimator(TrainingMetricsRepository metrics, PriceSheet prices) {
    this.metrics = metrics;
    this.prices = prices;
  }

  RunEstimate estimate(StoredDataset dataset, TrainingParams params, GpuConfig gpu) {
    long rows = rows(dataset);
    long trainRows =
        Math.round(rows * params.dataSamplePercent() / 100.0 * (1 - params.validationSplit() - params.testSplit()));
    List<Double> history = metrics.recentThroughput(gpu.wantsGpu(), HISTORY_EPOCHS);
    RunEstimate.Range throughput;
    String source;
    if (history.isEmpty()) {
      RunEstimate.Range assumed = gpu.wantsGpu() ? ASSUMED_PER_GPU : ASSUMED_CPU;
      double devices = gpu.wantsGpu() ? gpu.gpuCount() : 1;
      throughput = new RunEstimate.Range(assumed.low() * devices * (devices > 1 ? 0.8 : 1), assumed.high() * devices);
      source = "assumed";
    } else {
      throughput =
          new RunEstimate.Range(
              history.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
              history.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
      source = "history";
    }
    double overhead = FIXED_OVERHEAD_SECONDS + rows / 1e6 * OVERHEAD_SECONDS_PER_MILLION_ROWS;
    double examples = (double) trainRows * params.epochs();
    RunEstimate.Range duration =
        new RunEstimate.Range(overhead + examples / throughput.high(), overhead + examples / throughput.low());
    double hourly = prices.hourly(gpu);
    return new RunEstimate(
        rows,
        trainRows,
        params.epochs(),
        throughput,
        source,
        duration,
        hourly,
        new RunEstimate.Range(duration.low() / 3600 * hourly, duration.high() / 3600 * hourly));
  }

  /** The newest version's row count, else what the source declares or holds. */
  private static long rows(StoredDataset dataset) {
    List<StoredDatasetVersion> versions = dataset.versions();
    if (versions != null && !versions.isEmpty()) {
      return versions.get(versions.size() - 1).rowCount();
    }
    DatasetSource source = dataset.source();
    return switch (source.type()) {
      case DatasetSource.SYNTHETIC -> source.interactions() != null ? source.interactions() : 50_000;
      case DatasetSource.MOVIELENS_100K -> 100_000;
      case DatasetSource.SYNTHETIC_CHURN -> source.rows() != null ? source.rows() : ChurnDatasetGenerator.DEFAULT_ROWS;
      default -> csvRows(source.uri());
    };
  }

  private static long csvRows(String uri) {
    Path file = uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
    try (Stream<String> lines = Files.lines(file)) {
      return Math.max(0, lines.count() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count the rows of " + file + ": " + e.getMessage(), e);
    }
  }
}
