package dev.trainflow.worker.evaluation;

/** Recall at the cutoffs {@link #CUTOFFS}: the share of rows whose candidate ranks in the top K. */
public record RecallAtK(double at5, double at10, double at50, double at100) {

  public static final int[] CUTOFFS = {5, 10, 50, 100};

  static RecallAtK of(double[] recalls) {
    return new RecallAtK(recalls[0], recalls[1], recalls[2], recalls[3]);
  }

  public double at(int cutoffIndex) {
    return switch (cutoffIndex) {
      case 0 -> at5;
      case 1 -> at10;
      case 2 -> at50;
      default -> at100;
    };
  }
}
