package dev.trainflow.worker;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.workflows.activities.ColumnSpec;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.FeatureTransform;
import dev.trainflow.workflows.activities.SplitInfo;
import dev.trainflow.workflows.activities.TransformResult;
import dev.trainflow.workflows.activities.TransformSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * A small deterministic B2B dataset with structure a two-tower model can learn: customers and
 * products belong to latent clusters, cities and categories mostly follow the cluster, and most
 * purchases stay inside the customer's cluster, skewed towards each cluster's popular products.
 * Writes the splits, the catalog and a fitted transform.json into an artifact store.
 */
public record RetrievalFixture(ExamplesResult examples, TransformResult transform, TransformSpec spec, int candidates) {

  static final List<String> HEADER =
      List.of(
          "customer_id", "city", "segment", "revenue", "product_id", "category", "price", "timestamp", "quantity", "tags",
          "rating");
  private static final int CLUSTERS = 10;
  private static final String[] SEGMENTS = {"smb", "mid_market", "enterprise"};

  /** Which features the towers get. */
  public enum Towers {
    /** ids, categories, a normalised and a bucketized number */
    RICH,
    /** one 32-dim id embedding per tower: the TFRS basic model */
    IDS_ONLY,
    /** every transform: embeddings, a multi-valued one, normalize, bucketize, cyclical, a cross */
    EVERY_TRANSFORM
  }

  /** The fixture with feature-rich towers: ids, categories, a normalised and a bucketized number. */
  static RetrievalFixture write(ArtifactStore store, String folder, int customers, int products, int interactions, long seed) {
    return write(store, folder, customers, products, interactions, seed, Towers.RICH);
  }

  /** The fixture with towers of one 32-dim id embedding each: the TFRS basic model. */
  static RetrievalFixture writeIdsOnly(ArtifactStore store, String folder, int customers, int products, int interactions, long seed) {
    return write(store, folder, customers, products, interactions, seed, Towers.IDS_ONLY);
  }

  /**
   * Rows also carry a {@code rating} (1–5): about 4 inside the customer's cluster, about 2
   * outside, so a ranking model has something to learn; and product {@code tags} ("cat_3|band_1").
   */
  static RetrievalFixture write(
      ArtifactStore store, String folder, int customers, int products, int interactions, long seed, Towers towers) {
    Random random = new Random(seed);
    String[][] customerRows = new String[customers][];
    int[] customerCluster = new int[customers];
    for (int c = 0; c < customers; c++) {
      customerCluster[c] = random.nextInt(CLUSTERS);
      int segment = random.nextInt(SEGMENTS.length);
      String city = "city_" + (random.nextDouble() < 0.7 ? customerCluster[c] : random.nextInt(CLUSTERS + 2));
      String revenue =
          random.nextDouble() < 0.03 ? "" : String.format("%.2f", Math.exp(10 + segment + random.nextGaussian() * 0.5));
      customerRows[c] = new String[] {String.format("c%04d", c), city, SEGMENTS[segment], revenue};
    }
    String[][] productRows = new String[products][];
    List<List<Integer>> productsByCluster = new ArrayList<>();
    for (int k = 0; k < CLUSTERS; k++) {
      productsByCluster.add(new ArrayList<>());
    }
    for (int p = 0; p < products; p++) {
      int cluster = p % CLUSTERS;
      productsByCluster.get(cluster).add(p);
      String category = "cat_" + (random.nextDouble() < 0.85 ? cluster : random.nextInt(CLUSTERS));
      String price = String.format("%.2f", (5 + 10 * cluster) * Math.exp(random.nextGaussian() * 0.3));
      String tags = random.nextDouble() < 0.05 ? "" : category + "|band_" + (cluster / 3) + (random.nextBoolean() ? "|new" : "");
      productRows[p] = new String[] {String.format("p%03d", p), category, price, tags};
    }
    double[] popularity = new double[products];
    for (int p = 0; p < products; p++) {
      popularity[p] = 1.0 / Math.pow(1 + random.nextInt(products), 0.8);
    }

    List<String[]> rows = new ArrayList<>(interactions);
    for (int i = 0; i < interactions; i++) {
      int c = random.nextInt(customers);
      int p =
          random.nextDouble() < 0.8
              ? pick(productsByCluster.get(customerCluster[c]), popularity, random)
              : pick(allOf(products), popularity, random);
      String[] customer = customerRows[c];
      String[] product = productRows[p];
      double affinity = p % CLUSTERS == customerCluster[c] ? 4.0 : 2.0;
      long rating = Math.max(1, Math.min(5, Math.round(affinity + random.nextGaussian() * 0.6)));
      rows.add(
          new String[] {
            customer[0], customer[1], customer[2], customer[3], product[0], product[1], product[2],
            Long.toString(1_700_000_000L + 3_607L * i), Integer.toString(1 + random.nextInt(5)), product[3],
            Long.toString(rating)
          });
    }
    Collections.shuffle(rows, random);
    int trainEnd = rows.size() * 8 / 10;
    int validationEnd = rows.size() * 9 / 10;
    List<String[]> train = rows.subList(0, trainEnd);
    SplitInfo trainInfo = writeSplit(store, folder, "train", HEADER, train);
    SplitInfo validationInfo = writeSplit(store, folder, "validation", HEADER, rows.subList(trainEnd, validationEnd));
    SplitInfo testInfo = writeSplit(store, folder, "test", HEADER, rows.subList(validationEnd, rows.size()));
    SplitInfo catalogInfo =
        writeSplit(store, folder, "candidates", List.of("product_id", "category", "price", "tags"), Arrays.asList(productRows));

    TransformSpec spec =
        switch (towers) {
          case IDS_ONLY -> idsOnlySpec(train);
          case RICH -> richSpec(train);
          case EVERY_TRANSFORM -> everyTransformSpec(train);
        };
    String transformUri = store.write(folder + "/transform.json", JsonCodec.toBytes(spec));
    Map<String, Integer> vocabularySizes = new LinkedHashMap<>();
    for (FeatureTransform f : spec.queryFeatures()) {
      if (f.vocabulary() != null) {
        vocabularySizes.put(f.name(), f.vocabulary().size());
      }
    }
    List<ColumnSpec> columns =
        List.of(
            new ColumnSpec("customer_id", "string"), new ColumnSpec("city", "string"), new ColumnSpec("segment", "string"),
            new ColumnSpec("revenue", "float"), new ColumnSpec("product_id", "string"), new ColumnSpec("category", "string"),
            new ColumnSpec("price", "float"), new ColumnSpec("timestamp", "timestamp"), new ColumnSpec("quantity", "int"),
            new ColumnSpec("tags", "string"), new ColumnSpec("rating", "int"));
    ExamplesResult examples =
        new ExamplesResult("fixture-" + seed, rows.size(), rows.size(), columns, trainInfo, validationInfo, testInfo, catalogInfo);
    return new RetrievalFixture(examples, new TransformResult(transformUri, vocabularySizes), spec, products);
  }

  private static TransformSpec richSpec(List<String[]> train) {
    return new TransformSpec(
        "customer_id",
        "product_id",
        List.of(
            embedding("customer_id", vocabulary(train, 0), 16),
            embedding("city", vocabulary(train, 1), 8),
            embedding("segment", vocabulary(train, 2), 4),
            normalize("revenue", train, 3)),
        List.of(
            embedding("product_id", vocabulary(train, 4), 16),
            embedding("category", vocabulary(train, 5), 8),
            bucketize("price", train, 6, 8)),
        "rating",
        mean(train, 10));
  }

  private static TransformSpec everyTransformSpec(List<String[]> train) {
    return new TransformSpec(
        "customer_id",
        "product_id",
        List.of(
            embedding("customer_id", vocabulary(train, 0), 16),
            embedding("segment", vocabulary(train, 2), 4),
            normalize("revenue", train, 3),
            new FeatureTransform("when", "timestamp", "timestamp", "cyclical", 0, null, null, null, null, null, null, null,
                List.of("hour_of_day", "day_of_week")),
            new FeatureTransform("city_x_segment", null, null, "cross", 4, null, null, null, null, null,
                List.of("city", "segment"), 64, null)),
        List.of(
            embedding("product_id", vocabulary(train, 4), 16),
            new FeatureTransform("tags", "tags", "string", "embedding", 4, tokens(train, 9), null, null, null, "|", null, null, null),
            bucketize("price", train, 6, 8)),
        "rating",
        mean(train, 10));
  }

  private static List<String> tokens(List<String[]> rows, int index) {
    List<String[]> split = new ArrayList<>();
    for (String[] row : rows) {
      for (String token : row[index].split("\\|")) {
        if (!token.isEmpty()) {
          split.add(new String[] {token});
        }
      }
    }
    return vocabulary(split, 0);
  }

  private static double mean(List<String[]> rows, int index) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r[index])).average().orElse(0);
  }

  private static TransformSpec idsOnlySpec(List<String[]> train) {
    return new TransformSpec(
        "customer_id",
        "product_id",
        List.of(embedding("customer_id", vocabulary(train, 0), 32)),
        List.of(embedding("product_id", vocabulary(train, 4), 32)),
        "rating",
        mean(train, 10));
  }

  private static FeatureTransform embedding(String column, List<String> vocabulary, int dim) {
    return new FeatureTransform(column, column, "string", "embedding", dim, vocabulary, null, null, null);
  }

  private static FeatureTransform normalize(String column, List<String[]> train, int index) {
    double[] values = numbers(train, index);
    double mean = Arrays.stream(values).average().orElse(0);
    double std = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(1));
    return new FeatureTransform(column, column, "float", "normalize", 1, null, mean, std, null);
  }

  private static FeatureTransform bucketize(String column, List<String[]> train, int index, int buckets) {
    double[] values = numbers(train, index);
    Arrays.sort(values);
    TreeSet<Double> boundaries = new TreeSet<>();
    for (int b = 1; b < buckets; b++) {
      boundaries.add(values[values.length * b / buckets]);
    }
    return new FeatureTransform(column, column, "float", "bucketize", 4, null, null, null, List.copyOf(boundaries));
  }

  private static double[] numbers(List<String[]> rows, int index) {
    return rows.stream().map(r -> r[index]).filter(v -> !v.isEmpty()).mapToDouble(Double::parseDouble).toArray();
  }

  /** Distinct values by descending frequency, ties by value, as the Transform stage orders them. */
  private static List<String> vocabulary(List<String[]> rows, int index) {
    Map<String, Integer> counts = new HashMap<>();
    for (String[] row : rows) {
      if (!row[index].isEmpty()) {
        counts.merge(row[index], 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static SplitInfo writeSplit(ArtifactStore store, String folder, String name, List<String> header, List<String[]> rows) {
    String uri = store.write(folder + "/" + name + ".csv", new CsvTable(header, new ArrayList<>(rows)).toBytes());
    return new SplitInfo(name, uri, rows.size(), "sha-" + name);
  }

  private static List<Integer> allOf(int products) {
    List<Integer> all = new ArrayList<>(products);
    for (int p = 0; p < products; p++) {
      all.add(p);
    }
    return all;
  }

  private static int pick(List<Integer> choices, double[] weights, Random random) {
    double total = 0;
    for (int p : choices) {
      total += weights[p];
    }
    double target = random.nextDouble() * total;
    for (int p : choices) {
      target -= weights[p];
      if (target <= 0) {
        return p;
      }
    }
    return choices.get(choices.size() - 1);
  }
}
