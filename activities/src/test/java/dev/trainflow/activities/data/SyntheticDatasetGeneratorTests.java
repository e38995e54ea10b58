package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.activities.ColumnSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticDatasetGeneratorTests {
  private final SyntheticDatasetGenerator generator = new SyntheticDatasetGenerator();

  @Test
  void shouldGenerateByteIdenticalDataForASeed() {
    byte[] first = generator.generate(300, 80, 5000, 7).table().toBytes();
    byte[] again = generator.generate(300, 80, 5000, 7).table().toBytes();
    byte[] otherSeed = generator.generate(300, 80, 5000, 8).table().toBytes();

    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void shouldHaveTheB2BColumnsAndValues() {
    MaterializedDataset dataset = generator.generate(300, 80, 5000, 7);
    CsvTable table = dataset.table();

    assertThat(dataset.columns().stream().map(c -> c.name() + ":" + c.type()))
        .containsExactly(
            "customer_id:string", "city:string", "segment:string", "revenue:float", "product_id:string",
            "category:string", "price:float", "timestamp:timestamp", "quantity:int");
    assertThat(table.size()).isEqualTo(5000);
    assertThat(table.values("customer_id")).allMatch(id -> id.matches("C\\d{5}"));
    assertThat(table.values("product_id")).allMatch(id -> id.matches("P\\d{4}"));
    assertThat(new HashSet<>(List.of(table.values("segment")))).isSubsetOf(SyntheticDatasetGenerator.SEGMENTS).hasSize(4);
    assertThat(new HashSet<>(List.of(table.values("category")))).isSubsetOf(SyntheticDatasetGenerator.CATEGORIES).hasSizeGreaterThan(8);
    assertThat(table.values("revenue")).allMatch(v -> Double.parseDouble(v) > 0);
    assertThat(table.values("price")).allMatch(v -> Double.parseDouble(v) > 0);
    assertThat(table.values("quantity")).allMatch(v -> Integer.parseInt(v) >= 1);
    assertThat(table.values("timestamp"))
        .allMatch(v -> Long.parseLong(v) >= 1_704_067_200L && Long.parseLong(v) < 1_704_067_200L + 366L * 86_400);
    for (ColumnSpec column : dataset.columns()) {
      ColumnType type = ColumnType.of(column.type());
      assertThat(table.values(column.name())).as(column.name()).allMatch(type::accepts);
    }
  }

  @Test
  void shouldKeepEachCustomersAndProductsAttributesFixed() {
    CsvTable table = generator.generate(300, 80, 5000, 7).table();

    assertThat(functional(table, "customer_id", "segment")).isTrue();
    assertThat(functional(table, "customer_id", "city")).isTrue();
    assertThat(functional(table, "customer_id", "revenue")).isTrue();
    assertThat(functional(table, "product_id", "category")).isTrue();
    assertThat(functional(table, "product_id", "price")).isTrue();
  }

  @Test
  void shouldMakePopularityUsefulAndKnowingTheCustomerMoreUseful() {
    CsvTable table = generator.generate(2000, 500, 50_000, 7).table();
    ExampleSplits splits = ExampleSplitter.byHash(table, 1, 0.0, 0.2);
    CsvTable train = splits.train();
    CsvTable test = splits.test();

    Map<String, Long> popularity = counts(train.values("product_id"));
    List<String> byPopularity = ranked(popularity);
    Set<String> top100 = new HashSet<>(byPopularity.subList(0, 100));
    double popularityRecall = recall(test, customer -> top100);
    PersonalRecommender personal = new PersonalRecommender(train, table, popularity);
    double personalRecall = recall(test, personal::top100);

    // Recommending 100 products at random out of 500 finds 20% of the held-out purchases.
    assertThat(popularityRecall).isGreaterThan(0.2 + 0.15);
    assertThat(personalRecall).isGreaterThan(popularityRecall + 0.15);
  }

  @Test
  void shouldGiveCustomersOfASegmentSimilarFavouriteCategories() {
    CsvTable table = generator.generate(2000, 500, 50_000, 7).table();
    Map<String, String> segmentOf = new HashMap<>();
    Map<String, Map<String, Long>> categoriesOf = new HashMap<>();
    String[] customers = table.values("customer_id");
    String[] segments = table.values("segment");
    String[] categories = table.values("category");
    for (int r = 0; r < customers.length; r++) {
      segmentOf.put(customers[r], segments[r]);
      categoriesOf.computeIfAbsent(customers[r], c -> new HashMap<>()).merge(categories[r], 1L, Long::sum);
    }
    List<String> active = categoriesOf.keySet().stream().filter(c -> total(categoriesOf.get(c)) >= 20).sorted().toList();
    Map<String, String> favourite = new HashMap<>();
    active.forEach(c -> favourite.put(c, ranked(categoriesOf.get(c)).get(0)));

    long sameSegmentPairs = 0;
    long sameSegmentAgree = 0;
    long otherSegmentPairs = 0;
    long otherSegmentAgree = 0;
    for (int i = 0; i < active.size(); i++) {
      for (int j = i + 1; j < active.size(); j++) {
        String a = active.get(i);
        String b = active.get(j);
        boolean agree = favourite.get(a).equals(favourite.get(b));
        if (segmentOf.get(a).equals(segmentOf.get(b))) {
          sameSegmentPairs++;
          sameSegmentAgree += agree ? 1 : 0;
        } else {
          otherSegmentPairs++;
          otherSegmentAgree += agree ? 1 : 0;
        }
      }
    }
    double within = (double) sameSegmentAgree / sameSegmentPairs;
    double across = (double) otherSegmentAgree / otherSegmentPairs;

    // Without segment structure both rates would be equal.
    assertThat(within).isGreaterThan(across * 1.15);
  }

  /**
   * The simplest model that knows the customer: how much the customer buys in each category
   * (smoothed towards everyone's mix), times how popular each product is within its category for
   * the customer's segment. A two-tower model learns at least this much.
   */
  private static final class PersonalRecommender {
    private static final double SMOOTHING = 2.0;
    private final List<String> products;
    private final int[] categoryOfProduct;
    private final double[] overallCategoryShare;
    private final Map<String, double[]> withinCategoryBySegment = new HashMap<>();
    private final Map<String, long[]> categoryCountsByCustomer = new HashMap<>();
    private final Map<String, String> segmentOf = new HashMap<>();

    /** {@code everyone} gives each customer's segment: an attribute, known for new customers too. */
    PersonalRecommender(CsvTable train, CsvTable everyone, Map<String, Long> popularity) {
      products = popularity.keySet().stream().sorted().toList();
      List<String> categoryNames = SyntheticDatasetGenerator.CATEGORIES;
      Map<String, Integer> productIndex = new HashMap<>();
      products.forEach(p -> productIndex.put(p, productIndex.size()));
      String[] customers = train.values("customer_id");
      String[] segments = train.values("segment");
      String[] productIds = train.values("product_id");
      String[] categories = train.values("category");
      categoryOfProduct = new int[products.size()];
      long[] categoryTotals = new long[categoryNames.size()];
      Map<String, long[]> productCountsBySegment = new HashMap<>();
      Map<String, long[]> categoryCountsBySegment = new HashMap<>();
      for (int r = 0; r < customers.length; r++) {
        int product = productIndex.get(productIds[r]);
        int category = categoryNames.indexOf(categories[r]);
        categoryOfProduct[product] = category;
        categoryTotals[category]++;
        categoryCountsByCustomer.computeIfAbsent(customers[r], c -> new long[categoryNames.size()])[category]++;
        productCountsBySegment.computeIfAbsent(segments[r], s -> new long[products.size()])[product]++;
        categoryCountsBySegment.computeIfAbsent(segments[r], s -> new long[categoryNames.size()])[category]++;
      }
      String[] allCustomers = everyone.values("customer_id");
      String[] allSegments = everyone.values("segment");
      for (int r = 0; r < allCustomers.length; r++) {
        segmentOf.put(allCustomers[r], allSegments[r]);
      }
      overallCategoryShare = new double[categoryNames.size()];
      for (int k = 0; k < categoryTotals.length; k++) {
        overallCategoryShare[k] = (double) categoryTotals[k] / customers.length;
      }
      productCountsBySegment.forEach(
          (segment, counts) -> {
            double[] within = new double[products.size()];
            long[] categoryCounts = categoryCountsBySegment.get(segment);
            for (int p = 0; p < within.length; p++) {
              int k = categoryOfProduct[p];
              double popularityInCategory = (double) popularity.get(products.get(p)) / categoryTotals[k];
              within[p] = (counts[p] + 0.5 * popularityInCategory) / (categoryCounts[k] + 0.5);
            }
            withinCategoryBySegment.put(segment, within);
          });
    }

    Set<String> top100(String customer) {
      long[] own = categoryCountsByCustomer.getOrDefault(customer, new long[overallCategoryShare.length]);
      long ownTotal = 0;
      for (long count : own) {
        ownTotal += count;
      }
      double[] within = withinCategoryBySegment.get(segmentOf.get(customer));
      double[] score = new double[products.size()];
      for (int p = 0; p < score.length; p++) {
        int k = categoryOfProduct[p];
        score[p] = (own[k] + SMOOTHING * overallCategoryShare[k]) / (ownTotal + SMOOTHING) * within[p];
      }
      return IntStream.range(0, score.length)
          .boxed()
          .sorted(Comparator.comparingDouble((Integer p) -> -score[p]).thenComparing(p -> p))
          .limit(100)
          .map(products::get)
          .collect(Collectors.toSet());
    }
  }

  private static double recall(CsvTable test, Function<String, Set<String>> recommend) {
    Map<String, Set<String>> cache = new HashMap<>();
    String[] customers = test.values("customer_id");
    String[] products = test.values("product_id");
    long hits =
        IntStream.range(0, customers.length)
            .filter(r -> cache.computeIfAbsent(customers[r], recommend).contains(products[r]))
            .count();
    return (double) hits / customers.length;
  }

  private static boolean functional(CsvTable table, String key, String attribute) {
    Map<String, String> seen = new HashMap<>();
    String[] keys = table.values(key);
    String[] values = table.values(attribute);
    for (int r = 0; r < keys.length; r++) {
      String first = seen.putIfAbsent(keys[r], values[r]);
      if (first != null && !first.equals(values[r])) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Long> counts(String[] values) {
    Map<String, Long> counts = new HashMap<>();
    for (String value : values) {
      counts.merge(value, 1L, Long::sum);
    }
    return counts;
  }

  private static List<String> ranked(Map<String, Long> counts) {
    List<String> keys = new ArrayList<>(counts.keySet());
    keys.sort(Comparator.comparing((String k) -> -counts.get(k)).thenComparing(k -> k));
    return keys;
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
