package dev.trainflow.worker.tabular;

/**
 * Rows ready for a trainer.
 *
 * @param x one row per example, one column per encoded feature; NaN where a value is missing
 * @param y the class index (classification) or the target value (regression)
 * @param weights one per row; all 1 without class weights
 */
public record EncodedData(double[][] x, double[] y, double[] weights) {
  public int rows() {
    return x.length;
  }

  /** The class indices of a classification label. */
  public int[] classes() {
    int[] classes = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      classes[i] = (int) y[i];
    }
    return classes;
  }

  /** The rows at these positions, in this order. */
  public EncodedData subset(int[] rows) {
    double[][] sx = new double[rows.length][];
    double[] sy = new double[rows.length];
    double[] sw = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      sx[i] = x[rows[i]];
      sy[i] = y[rows[i]];
      sw[i] = weights[rows[i]];
    }
    return new EncodedData(sx, sy, sw);
  }
}
