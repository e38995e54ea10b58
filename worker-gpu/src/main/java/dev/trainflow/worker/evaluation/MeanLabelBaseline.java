package dev.trainflow.worker.evaluation;

/** The baseline a ranking model must beat: predict the training mean label for every row. */
public final class MeanLabelBaseline {
  private MeanLabelBaseline() {}

  public static SplitMetrics evaluate(double trainMean, float[] labels) {
    double squared = 0;
    double absolute = 0;
    for (float label : labels) {
      double error = trainMean - label;
      squared += error * error;
      absolute += Math.abs(error);
    }
    int n = Math.max(1, labels.length);
    return new SplitMetrics(null, null, null, Math.sqrt(squared / n), absolute / n, labels.length);
  }
}
