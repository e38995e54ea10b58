package dev.trainflow.activities.observability;

import dev.trainflow.activities.drift.DriftReport;
import dev.trainflow.activities.drift.FeatureDrift;
import dev.trainflow.activities.quality.DataCheckResult;
import dev.trainflow.activities.quality.DataValidationReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Data-quality meters: validation checks by check, rule and outcome, and the latest drift of each
 * (dataset, feature) as gauges. Labels stay bounded: checks and rules are a fixed vocabulary, and at
 * most {@link #MAX_DRIFT_SERIES} drift series exist at once, the least recently updated removed first.
 */
public final class DataQualityMeters {
  public static final String VALIDATION_CHECKS = "trainflow.data.validation.checks";
  public static final String DRIFT_PSI = "trainflow.data.drift.psi";
  public static final String DRIFT_KS = "trainflow.data.drift.ks.statistic";
  public static final String DRIFT_CHECKS = "trainflow.data.drift.checks";
  public static final int MAX_DRIFT_SERIES = 200;

  private final MeterRegistry registry;
  private final Map<String, DriftSeries> drift = new LinkedHashMap<>(16, 0.75f, true);

  public DataQualityMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(DataValidationReport report) {
    for (DataCheckResult check : report.checks()) {
      Counter.builder(VALIDATION_CHECKS)
          .description("data validation checks run, by check, rule and outcome")
          .tag("check", check.check())
          .tag("rule", check.rule())
          .tag(TrainflowMeters.OUTCOME, check.passed() ? "passed" : "failed")
          .register(registry)
          .increment();
    }
  }

  public synchronized void record(DriftReport report) {
    Counter.builder(DRIFT_CHECKS)
        .description("drift checks, by outcome")
        .tag(TrainflowMeters.OUTCOME, report.drifted() ? "drifted" : "stable")
        .register(registry)
        .increment();
    String dataset = Long.toString(report.datasetId());
    for (FeatureDrift f : report.features()) {
      if (f.psi() == null) {
        continue;
      }
      series(dataset, f.feature()).update(f);
    }
  }

  private DriftSeries series(String dataset, String feature) {
    String key = dataset + "/" + feature;
    DriftSeries existing = drift.get(key);
    if (existing != null) {
      return existing;
    }
    if (drift.size() >= MAX_DRIFT_SERIES) {
      Iterator<DriftSeries> eldest = drift.values().iterator();
      eldest.next().remove();
      eldest.remove();
    }
    DriftSeries created = new DriftSeries(dataset, feature);
    drift.put(key, created);
    return created;
  }

  private final class DriftSeries {
    private final AtomicReference<FeatureDrift> latest = new AtomicReference<>();
    private final Gauge psi;
    private final Gauge ks;

    DriftSeries(String dataset, String feature) {
      psi = Gauge.builder(DRIFT_PSI, latest, r -> value(r.get() == null ? null : r.get().psi()))
          .description("population stability index of a feature in the latest drift check")
          .tag("dataset", dataset).tag("feature", feature).register(registry);
      ks = Gauge.builder(DRIFT_KS, latest, r -> value(r.get() == null ? null : r.get().ksStatistic()))
          .description("Kolmogorov-Smirnov statistic of a numeric feature in the latest drift check")
          .tag("dataset", dataset).tag("feature", feature).register(registry);
    }

    void update(FeatureDrift f) {
      latest.set(f);
    }

    void remove() {
      registry.remove(psi);
      registry.remove(ks);
    }
  }

  private static double value(Double v) {
    return v == null ? Double.NaN : v;
  }
}
