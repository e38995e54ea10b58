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
 *       {@code u.item}.
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
    DataValidationSpec validation) {

  /** A source without a data-quality gate. */
  public DatasetSource(
      String type,
      Integer customers,
      Integer products,
      Integer interactions,
      Long seed,
      String uri,
      Map<String, String> columns,
      String path) {
    this(type, customers, products, interactions, seed, uri, columns, path, null);
  }

  public static final String SYNTHETIC = "synthetic";
  public static final String CSV = "csv";
  public static final String MOVIELENS_100K = "movielens-100k";
  public static final List<String> TYPES = List.of(SYNTHETIC, CSV, MOVIELENS_100K);

  public static DatasetSource synthetic(int customers, int products, int interactions, long seed) {
    return new DatasetSource(SYNTHETIC, customers, products, interactions, seed, null, null, null);
  }

  public static DatasetSource movielens(String path) {
    return new DatasetSource(MOVIELENS_100K, null, null, null, null, null, null, path);
  }
}
