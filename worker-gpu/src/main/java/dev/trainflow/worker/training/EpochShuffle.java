package dev.trainflow.worker.training;

import java.util.SplittableRandom;

/**
 * The order of the training rows in an epoch: a Fisher–Yates shuffle seeded by the run's seed and
 * the epoch number. Deriving each epoch's order instead of carrying one generator along means a
 * resumed run needs only the seed to replay any epoch's order.
 */
public final class EpochShuffle {
  private EpochShuffle() {}

  public static int[] order(int rows, long seed, int epoch) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
