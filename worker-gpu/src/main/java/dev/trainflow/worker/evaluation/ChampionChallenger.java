package dev.trainflow.worker.evaluation;

import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.tabular.ClassificationMetrics;
import dev.trainflow.worker.tabular.RegressionMetrics;
import dev.trainflow.worker.tabular.TabularFeature;
import dev.trainflow.worker.tabular.TabularPrediction;
import dev.trainflow.worker.tabular.TabularPredictor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Compares a candidate tabular model with the champion (the production version) on the same
 * held-out rows. The bootstrap is paired: each resample draws row indices once and scores both
 * models on them, so the interval is of the difference itself, not of two independent spreads.
 */
public final class ChampionChallenger {
  public static final int DEFAULT_SAMPLES = 1000;
  public static final double CONFIDENCE = 0.95;

  private ChampionChallenger() {}

  /**
   * @param heldOut rows with the label and at least every feature either model reads
   * @throws IllegalArgumentException when the models predict different things (task, label,
   *     classes) or the rows lack a column
   */
  public static ModelComparison compare(
      TabularPredictor candidate, TabularPredictor champion, CsvTable heldOut, int samples, long seed) {
    var c = candidate.descriptor();
    var p = champion.descriptor();
    if (!c.task().equals(p.task()) || !c.label().equals(p.label())) {
      throw new IllegalArgumentException(
          "the models predict different things: candidate " + c.task() + " of '" + c.label() + "', champion "
              + p.task() + " of '" + p.label() + "'");
    }
    if (!heldOut.has(c.label())) {
      throw new IllegalArgumentException("the held-out rows have no label column '" + c.label() + "'");
    }
    if (heldOut.size() < 2) {
      throw new IllegalArgumentException("need at least 2 held-out rows, got " + heldOut.size());
    }
    TabularPrediction cand = candidate.predictCells(cells(heldOut, candidate.features()));
    TabularPrediction champ = champion.predictCells(cells(heldOut, champion.features()));
    String[] labels = heldOut.values(c.label());
    Scorer scorer = c.tabularTask().classification() ? classification(cand, champ, labels) : regression(cand, champ, labels);

    int n = heldOut.size();
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    Map<String, Double> candidateFull = scorer.score(true, all);
    Map<String, Double> championFull = scorer.score(false, all);
    Map<String, List<Double>> deltas = new LinkedHashMap<>();
    candidateFull.keySet().forEach(m -> deltas.put(m, new ArrayList<>()));
    Random random = new Random(seed);
    int[] idx = new int[n];
    for (int b = 0; b < samples; b++) {
      for (int i = 0; i < n; i++) {
        idx[i] = random.nextInt(n);
      }
      Map<String, Double> cs = scorer.score(true, idx);
      Map<String, Double> ps = scorer.score(false, idx);
      cs.forEach((m, v) -> {
        Double other = ps.get(m);
        // a resample with one class only has no AUC: it says nothing about that metric
        if (!v.isNaN() && other != null && !other.isNaN()) {
          deltas.get(m).add(v - other);
        }
      });
    }
    List<MetricDelta> metrics = new ArrayList<>();
    for (String m : candidateFull.keySet()) {
      double cv = candidateFull.get(m);
      double pv = championFull.get(m);
      double[] d = deltas.get(m).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double low = d.length == 0 ? Double.NaN : percentile(d, (1 - CONFIDENCE) / 2);
      double high = d.length == 0 ? Double.NaN : percentile(d, 1 - (1 - CONFIDENCE) / 2);
      boolean lower = m.equals(RegressionMetrics.RMSE) || m.equals(RegressionMetrics.MAE);
      metrics.add(new MetricDelta(m, cv, pv, cv - pv, low, high, lower, verdict(low, high, lower)));
    }
    return new ModelComparison(n, samples, seed, CONFIDENCE, List.copyOf(metrics));
  }

  private static String verdict(double low, double high, boolean lowerIsBetter) {
    if (Double.isNaN(low)) {
      return MetricDelta.INCONCLUSIVE;
    }
    if (low > 0) {
      return lowerIsBetter ? MetricDelta.WORSE : MetricDelta.BETTER;
    }
    if (high < 0) {
      return lowerIsBetter ? MetricDelta.BETTER : MetricDelta.WORSE;
    }
    return MetricDelta.INCONCLUSIVE;
  }

  /** Linear interpolation between the closest ranks. */
  private static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static List<String[]> cells(CsvTable table, List<TabularFeature> features) {
    int[] columns = new int[features.size()];
    for (int j = 0; j < columns.length; j++) {
      String name = features.get(j).name();
      if (!table.has(name)) {
        throw new IllegalArgumentException("the held-out rows have no column '" + name + "' that a model reads");
      }
      columns[j] = table.column(name);
    }
    List<String[]> rows = new ArrayList<>(table.size());
    for (String[] row : table.rows()) {
      String[] cells = new String[columns.length];
      for (int j = 0; j < columns.length; j++) {
        cells[j] = row[columns[j]];
      }
      rows.add(cells);
    }
    return rows;
  }

  /** Metrics of one model (candidate or champion) on the rows at the given indices. */
  private interface Scorer {
    Map<String, Double> score(boolean candidate, int[] rows);
  }

  private static Scorer classification(TabularPrediction cand, TabularPrediction champ, String[] labels) {
    List<String> classes = cand.classLabels();
    if (!new java.util.HashSet<>(classes).equals(new java.util.HashSet<>(champ.classLabels()))) {
      throw new IllegalArgumentException(
          "the models know different classes: candidate " + classes + ", champion " + champ.classLabels());
    }
    int k = classes.size();
    // the champion's probabilities in the candidate's class order
    int[] champColumn = new int[k];
    for (int j = 0; j < k; j++) {
      champColumn[j] = champ.classLabels().indexOf(classes.get(j));
    }
    int[] truth = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      truth[i] = classes.indexOf(labels[i]);
      if (truth[i] < 0) {
        throw new IllegalArgumentException("held-out row " + i + " has label '" + labels[i] + "', which neither model knows");
      }
    }
    return (candidate, rows) -> {
      int[] t = new int[rows.length];
      double[][] probabilities = new double[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        t[i] = truth[rows[i]];
        if (candidate) {
          probabilities[i] = cand.probabilities()[rows[i]];
        } else {
          double[] source = champ.probabilities()[rows[i]];
          double[] ordered = new double[k];
          for (int j = 0; j < k; j++) {
            ordered[j] = source[champColumn[j]];
          }
          probabilities[i] = ordered;
        }
      }
      return ClassificationMetrics.of(t, probabilities, k);
    };
  }

  private static Scorer regression(TabularPrediction cand, TabularPrediction champ, String[] labels) {
    double[] y = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      try {
        y[i] = Double.parseDouble(labels[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("held-out row " + i + " has a label that is not a number: '" + labels[i] + "'");
      }
    }
    return (candidate, rows) -> {
      double[] t = new double[rows.length];
      double[] predicted = new double[rows.length];
      double[] source = candidate ? cand.values() : champ.values();
      for (int i = 0; i < rows.length; i++) {
        t[i] = y[rows[i]];
        predicted[i] = source[rows[i]];
      }
      return RegressionMetrics.of(t, predicted);
    };
  }
}
