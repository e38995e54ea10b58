package dev.trainflow.api.models;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.activities.persistence.ModelStage;
import dev.trainflow.activities.persistence.RegistryEntry;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.worker.evaluation.ChampionChallenger;
import dev.trainflow.worker.evaluation.MetricDelta;
import dev.trainflow.worker.evaluation.ModelComparison;
import dev.trainflow.worker.tabular.TabularPredictor;
import dev.trainflow.workflows.spec.ModelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Champion/challenger before a version enters staging or production: the candidate and the
 * production version score the candidate run's test split, with a paired bootstrap interval per
 * metric. (When the champion was trained on another dataset version, some of those rows may have
 * been its training rows, which flatters the champion: the comparison errs towards keeping it.)
 */
@Service
class ChampionComparisons {
  private static final Logger log = LoggerFactory.getLogger(ChampionComparisons.class);
  static final int SAMPLES = ChampionChallenger.DEFAULT_SAMPLES;
  /** Fixed, so the same two versions always give the same interval. */
  static final long SEED = 20_261_124L;

  private final TrainingRunRepository runs;
  private final ArtifactStore store;

  ChampionComparisons(TrainingRunRepository runs, ArtifactStore store) {
    this.runs = runs;
    this.store = store;
  }

  /**
   * The comparison as recorded (JSON-shaped), with {@code skipped} saying why when it cannot be
   * made, or empty when there is nothing to compare (no other production version, or a stage that
   * needs none).
   */
  Optional<Map<String, Object>> compare(RegistryEntry candidate, List<RegistryEntry> versions, ModelStage to) {
    if (to != ModelStage.STAGING && to != ModelStage.PRODUCTION) {
      return Optional.empty();
    }
    Optional<RegistryEntry> champion =
        versions.stream()
            .filter(v -> ModelStage.PRODUCTION.value().equals(v.stage()) && v.version() != candidate.version())
            .findFirst();
    if (champion.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("champion_version", champion.get().version());
    record.put("candidate_version", candidate.version());
    if (!tabular(candidate) || !tabular(champion.get())) {
      record.put("skipped", "champion/challenger compares classification and regression models; this is a "
          + candidate.modelType() + " model (compare its evaluation metrics instead)");
      return Optional.of(record);
    }
    String heldOut =
        candidate.trainingRunId() == null
            ? null
            : runs.find(candidate.trainingRunId()).map(StoredRun::artifacts).map(a -> a.get("examples_test")).orElse(null);
    if (heldOut == null) {
      record.put("skipped", "the candidate's training run and its test split are gone");
      return Optional.of(record);
    }
    try (TabularPredictor c = TabularPredictor.load(store, candidate.artifactUri());
        TabularPredictor p = TabularPredictor.load(store, champion.get().artifactUri())) {
      ModelComparison comparison = ChampionChallenger.compare(c, p, CsvTable.parse(store.read(heldOut)), SAMPLES, SEED);
      record.put("held_out", heldOut);
      record.put("test_rows", comparison.testRows());
      record.put("bootstrap_samples", comparison.bootstrapSamples());
      record.put("seed", comparison.seed());
      record.put("confidence", comparison.confidence());
      record.put("metrics", comparison.metrics().stream().map(ChampionComparisons::row).toList());
      return Optional.of(record);
    } catch (RuntimeException e) {
      // a model folder or split that cannot be read must not block a transition an operator asked for
      log.warn("champion/challenger of version {} against {} not made: {}", candidate.version(), champion.get().version(), e.getMessage());
      record.put("skipped", "could not compare: " + e.getMessage());
      return Optional.of(record);
    }
  }

  private static boolean tabular(RegistryEntry entry) {
    return entry.modelType() != null && ModelConfig.TABULAR_TYPES.contains(entry.modelType());
  }

  /** One metric as JSON: NaN (no interval, e.g. AUC of one class) becomes null, which jsonb can hold. */
  private static Map<String, Object> row(MetricDelta m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("metric", m.metric());
    row.put("candidate", finite(m.candidate()));
    row.put("champion", finite(m.champion()));
    row.put("delta", finite(m.delta()));
    row.put("ci_low", finite(m.ciLow()));
    row.put("ci_high", finite(m.ciHigh()));
    row.put("lower_is_better", m.lowerIsBetter());
    row.put("verdict", m.verdict());
    return row;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
