package dev.trainflow.activities.data;

import dev.trainflow.workflows.TrainingFailures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples and splits an interaction table, reproducibly.
 *
 * <p>Sampling and the random split decide each row by a seeded hash of the row's content, not its
 * position (as TFX's ExampleGen does): the same row lands in the same split when rows are
 * reordered or appended, and duplicate rows never straddle train and test.
 */
public final class ExampleSplitter {
  private static final long SAMPLE_SALT = 0x243F6A8885A308D3L;
  private static final long SPLIT_SALT = 0x13198A2E03707344L;
  private static final long FNV_OFFSET = 0xCBF29CE484222325L;
  private static final long FNV_PRIME = 0x100000001B3L;

  private ExampleSplitter() {}

  /** The rows whose hash falls under {@code percent}; all rows at 100. */
  public static CsvTable sample(CsvTable table, double percent, long seed) {
    if (percent >= 100) {
      return table;
    }
    List<String[]> kept = new ArrayList<>();
    for (String[] row : table.rows()) {
      if (rowUnit(row, seed, SAMPLE_SALT) * 100 < percent) {
        kept.add(row);
      }
    }
    return new CsvTable(table.header(), kept);
  }

  /**
   * Each row goes to test, validation or train by where its hash falls in [0, 1): below {@code
   * testFraction}, below {@code testFraction + validationFraction}, or above. Rows keep their order.
   */
  public static ExampleSplits byHash(CsvTable table, long seed, double validationFraction, double testFraction) {
    List<String[]> train = new ArrayList<>();
    List<String[]> validation = new ArrayList<>();
    List<String[]> test = new ArrayList<>();
    for (String[] row : table.rows()) {
      double u = rowUnit(row, seed, SPLIT_SALT);
      (u < testFraction ? test : u < testFraction + validationFraction ? validation : train).add(row);
    }
    return splits(table, train, validation, test);
  }

  /**
   * The oldest rows to train, the next to validation, the newest to test, in time order; rows with
   * the same timestamp keep their table order. This is how a model meets data in production: it
   * never trains on interactions newer than those it is evaluated on.
   */
  public static ExampleSplits byTime(
      CsvTable table, String timestampColumn, double validationFraction, double testFraction) {
    int column = table.column(timestampColumn);
    List<String[]> rows = table.rows();
    double[] time = new double[rows.size()];
    for (int r = 0; r < time.length; r++) {
      String cell = rows.get(r)[column];
      try {
        time[r] = Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        throw TrainingFailures.dataValidation(
            "column '" + timestampColumn + "' row " + (r + 2) + ": '" + cell
                + "' is not a timestamp; a strict_time split needs one on every row");
      }
    }
    Integer[] order = new Integer[time.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> time[a] != time[b] ? Double.compare(time[a], time[b]) : Integer.compare(a, b));
    int n = order.length;
    int testRows = (int) Math.round(n * testFraction);
    int validationRows = (int) Math.round(n * validationFraction);
    int trainRows = n - testRows - validationRows;
    List<String[]> train = new ArrayList<>(trainRows);
    List<String[]> validation = new ArrayList<>(validationRows);
    List<String[]> test = new ArrayList<>(testRows);
    for (int i = 0; i < n; i++) {
      (i < trainRows ? train : i < trainRows + validationRows ? validation : test).add(rows.get(order[i]));
    }
    return splits(table, train, validation, test);
  }

  private static ExampleSplits splits(
      CsvTable table, List<String[]> train, List<String[]> validation, List<String[]> test) {
    return new ExampleSplits(
        new CsvTable(table.header(), train),
        new CsvTable(table.header(), validation),
        new CsvTable(table.header(), test));
  }

  /** FNV-1a over the row's UTF-8 cells, then mixed with the seed: uniform in [0, 1). */
  private static double rowUnit(String[] row, long seed, long salt) {
    long hash = FNV_OFFSET;
    for (String cell : row) {
      for (byte b : cell.getBytes(StandardCharsets.UTF_8)) {
        hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
      }
      // A separator byte that UTF-8 text never holds, so ("ab","c") and ("a","bc") differ.
      hash = (hash ^ 0xFF) * FNV_PRIME;
    }
    return DeterministicRandom.unit(DeterministicRandom.mix(hash ^ DeterministicRandom.mix(seed ^ salt)));
  }
}
