package dev.trainflow.workflows.spec;

import java.util.List;
import java.util.Map;

/**
 * Where a dataset's rows come from.
 *
 * <ul>
 *   <li>{@code synthetic}: generated B2B data ({@code customers}, {@code products}, {@code
 *       interactions}, {@code seed});
 *   <li>{@code csv}: one file of interaction rows at {@code uri}, with {@code columns} naming each
 *       column's type;
 *   <li>{@code movielens-100k}: the folder at {@code path} holding {@code u.data}, {@code u.user},
 *       {@code u.item};
 *   <li>{@code synthetic_churn}: generated customer-churn rows ({@code rows}, {@code seed}), one row
 *       per customer with a churn label.
 * </ul>
 *
 * <p>{@code validation}, when set, is the dataset's data-quality gate, frozen with the source into
 * each run's config snapshot.
 */
public record DatasetSource(
    String type,
    Integer customers,
    Integer products,
    Integer interactions,
    Long seed,
    String uri,
    Map<String, String> columns,
    String path,
    Integer rows,
    DataValidationSpec validation) {

  public static final String SYNTHETIC = "synthetic";
  public static final String CSV = "csv";
  public static final String MOVIELENS_100K = "movielens-100k";
  public static final String SYNTHETIC_CHURN = "synthetic_churn";
  public static final List<String> TYPES = List.of(SYNTHETIC, CSV, MOVIELENS_100K, SYNTHETIC_CHURN);

  /** A source without {@code rows} (every type but {@code synthetic_churn}) and without a data-quality gate. */
  public DatasetSource(
      String type,
      Integer customers,
      Integer products,
      Integer interactions,
      Long seed,
      String uri,
      Map<String, String> columns,
      String path) {
    this(type, customers, products, interactions, seed, uri, columns, path, null, null);
  }

  public static DatasetSource synthetic(int customers, int products, int interactions, long seed) {
    return new DatasetSource(SYNTHETIC, customers, products, interactions, seed, null, null, null);
  }

  public static DatasetSource syntheticChurn(int rows, long seed) {
    return new DatasetSource(SYNTHETIC_CHURN, null, null, null, seed, null, null, null, rows, null);
  }

  public static DatasetSource movielens(String path) {
    return new DatasetSource(MOVIELENS_100K, null, null, null, null, null, null, path);
  }
}
