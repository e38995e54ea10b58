package dev.trainflow.worker.training;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.worker.artifacts.TrainedModelStore;
import dev.trainflow.worker.model.NamedTensor;
import dev.trainflow.worker.model.TowerSpec;
import dev.trainflow.worker.model.TwoTowerArchitecture;
import dev.trainflow.worker.model.TwoTowerModel;
import dev.trainflow.worker.model.VariableSpec;
import dev.trainflow.workflows.activities.FeatureTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a model from a previous run's weights, best effort: an embedding table whose feature has
 * a vocabulary in both models is remapped token by token (the vocabularies of two runs differ as
 * their data does), every other variable is copied when its shape matches, and the rest keeps its
 * fresh initial value. Any failure to read the previous model logs a warning and leaves the
 * fresh start: a warm start speeds training up, it is never a reason to fail it.
 */
final class WarmStart {
  private static final Logger log = LoggerFactory.getLogger(WarmStart.class);
  private static final Pattern RUN_ID = Pattern.compile("^[1-9][0-9]*$");

  private WarmStart() {}

  /** The previous model's folder: {@code runs/<id>/model} for a run id, else the URI as given. */
  static String modelUri(ArtifactStore store, String warmStartFrom) {
    return RUN_ID.matcher(warmStartFrom).matches() ? store.uriOf("runs/" + warmStartFrom + "/model") : warmStartFrom;
  }

  /** @return a one-line account of what was loaded, or null when nothing was */
  static String apply(ArtifactStore store, String warmStartFrom, TwoTowerModel model) {
    String uri = modelUri(store, warmStartFrom);
    try {
      TrainedModelStore.Loaded previous = new TrainedModelStore(store).read(uri);
      Map<String, NamedTensor> old = new HashMap<>();
      previous.weights().forEach(t -> old.put(t.name(), t));
      Map<String, FeatureTransform> oldTables = tables(previous.description().architecture());
      Map<String, FeatureTransform> newTables = tables(model.architecture());
      List<NamedTensor> loaded = new ArrayList<>();
      int remapped = 0;
      List<String> skipped = new ArrayList<>();
      List<NamedTensor> current = model.read(model.modelVariables());
      for (int i = 0; i < model.modelVariables().size(); i++) {
        VariableSpec spec = model.modelVariables().get(i);
        NamedTensor before = old.get(spec.name());
        if (before == null || spec.name().equals(TwoTowerArchitecture.CANDIDATE_BIAS)) {
          // the bias rows follow the catalog order of their run, which another run does not share
          skipped.add(spec.name());
          continue;
        }
        FeatureTransform now = newTables.get(spec.name());
        FeatureTransform then = oldTables.get(spec.name());
        if (now != null && then != null && now.vocabulary() != null && then.vocabulary() != null && now.dim() == then.dim()) {
          loaded.add(remap(current.get(i), before, then.vocabulary(), now.vocabulary(), now.dim()));
          remapped++;
        } else if (before.hasShape(spec.shape())) {
          loaded.add(before);
        } else {
          skipped.add(spec.name());
        }
      }
      model.load(loaded);
      String account =
          "warm start from " + uri + ": " + loaded.size() + " of " + model.modelVariables().size() + " variables ("
              + remapped + " embedding tables remapped by vocabulary)" + (skipped.isEmpty() ? "" : "; fresh: " + skipped);
      log.info(account);
      return account;
    } catch (RuntimeException e) {
      log.warn("warm start from {} failed, training from fresh weights: {}", uri, e.toString());
      return null;
    }
  }

  /** Embedding table name → its feature, for features with a vocabulary. */
  private static Map<String, FeatureTransform> tables(TwoTowerArchitecture architecture) {
    Map<String, FeatureTransform> tables = new HashMap<>();
    for (TowerSpec tower : List.of(architecture.query(), architecture.candidate())) {
      for (FeatureTransform feature : tower.features()) {
        if (feature.vocabulary() != null) {
          tables.put(tower.embeddingName(feature), feature);
        }
      }
    }
    return tables;
  }

  /** The new table with each token's row taken from the old table where the old vocabulary has it. */
  private static NamedTensor remap(NamedTensor fresh, NamedTensor old, List<String> oldVocabulary, List<String> newVocabulary, int dim) {
    Map<String, Integer> oldRows = new HashMap<>();
    for (int i = 0; i < oldVocabulary.size(); i++) {
      oldRows.putIfAbsent(oldVocabulary.get(i), i + 1);
    }
    float[] values = fresh.values().clone();
    System.arraycopy(old.values(), 0, values, 0, dim); // the out-of-vocabulary row
    for (int i = 0; i < newVocabulary.size(); i++) {
      Integer row = oldRows.get(newVocabulary.get(i));
      if (row != null) {
        System.arraycopy(old.values(), row * dim, values, (i + 1) * dim, dim);
      }
    }
    return new NamedTensor(fresh.name(), fresh.shape(), values);
  }
}
