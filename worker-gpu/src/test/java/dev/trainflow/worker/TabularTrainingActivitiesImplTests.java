package dev.trainflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.activities.artifacts.LocalArtifactStore;
import dev.trainflow.activities.data.ChurnDatasetGenerator;
import dev.trainflow.activities.data.CsvTable;
import dev.trainflow.worker.tabular.ClassificationMetrics;
import dev.trainflow.worker.tabular.TabularPredictor;
import dev.trainflow.worker.tabular.TabularSpec;
import dev.trainflow.worker.tabular.TabularTraining;
import dev.trainflow.worker.tabular.TrainerParams;
import dev.trainflow.worker.tabular.XGBoostTrainer;
import dev.trainflow.workflows.activities.TabularTrainingActivities;
import dev.trainflow.workflows.activities.TabularTrainingRequest;
import dev.trainflow.workflows.activities.TabularTrainingResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tabular training activity on churn splits: metrics, CV, gates, artifacts, typed failures. */
class TabularTrainingActivitiesImplTests {
  @TempDir static Path root;
  static LocalArtifactStore store;
  static String trainUri;
  static String testUri;

  TestActivityEnvironment environment;
  TabularTrainingActivities activities;
  List<Object> heartbeats;

  @BeforeAll
  static void writeSplits() {
    store = new LocalArtifactStore(root);
    CsvTable all = new ChurnDatasetGenerator().generate(2500, 21).table();
    trainUri = store.write("datasets/churn/train.csv", new CsvTable(all.header(), all.rows().subList(0, 2000)).toBytes());
    testUri = store.write("datasets/churn/test.csv", new CsvTable(all.header(), all.rows().subList(2000, 2500)).toBytes());
  }

  @BeforeEach
  void startEnvironment() {
    environment = TestActivityEnvironment.newInstance();
    heartbeats = new ArrayList<>();
    environment.setActivityHeartbeatListener(TabularAttemptProgress.class, heartbeats::add);
    environment.registerActivitiesImplementations(new TabularTrainingActivitiesImpl(store));
    activities =
        environment.newActivityStub(
            TabularTrainingActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                .setHeartbeatTimeout(Duration.ofMinutes(1))
                .build());
  }

  @AfterEach
  void closeEnvironment() {
    environment.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"xgboost", "lightgbm"})
  void shouldTrainCrossValidateGateAndWriteArtifacts(String trainer) {
    TabularTrainingResult result =
        activities.trainTabular(request(trainer, 3, gates("min_auc_roc", 0.7, "min_accuracy", 0.6)));

    assertThat(result.trainer()).isEqualTo(trainer);
    assertThat(result.task()).isEqualTo("binary");
    assertThat(result.metrics().get("roc_auc")).isGreaterThan(0.7);
    assertThat(result.cvMean().get("roc_auc")).isGreaterThan(0.7);
    assertThat(result.cvStd()).containsKey("roc_auc");
    assertThat(result.gates()).extracting(TabularTrainingResult.Gate::gate).containsExactly("min_auc_roc", "min_accuracy");
    assertThat(result.blessed()).isTrue();
    assertThat(result.featureImportance().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    // the model is a servable bundle folder that answers the test split as training evaluated it
    assertThat(result.modelUri()).isEqualTo(store.uriOf("runs/7/model"));
    TabularPredictor served = TabularPredictor.load(store, result.modelUri());
    CsvTable test = CsvTable.parse(store.read(testUri));
    List<Map<String, Object>> instances = new ArrayList<>();
    for (String[] row : test.rows()) {
      Map<String, Object> instance = new LinkedHashMap<>();
      for (int j = 0; j < row.length; j++) {
        boolean text = List.of("customer_id", "contract_type", "payment_method").contains(test.header().get(j));
        instance.put(test.header().get(j), text ? row[j] : Double.valueOf(row[j]));
      }
      instances.add(instance);
    }
    int[] truth = test.rows().stream().mapToInt(r -> Integer.parseInt(r[test.column("churn")])).toArray();
    assertThat(ClassificationMetrics.of(truth, served.predict(instances).probabilities(), 2)).isEqualTo(result.metrics());
    assertThat(new String(store.read(result.importanceUri()))).contains("tenure_months");
    // the SDK sends the first heartbeat at once (the first boosting round) and throttles the rest
    assertThat(((TabularAttemptProgress) heartbeats.get(0)).phase()).isEqualTo("cv fold 1 of 3: round 1 of 60");
  }

  @Test
  void shouldStopBoostingWithinARoundWhenCancelled() {
    // cancel as soon as training says it started: the next round's heartbeat must end the activity
    environment.setActivityHeartbeatListener(TabularAttemptProgress.class, details -> {
      heartbeats.add(details);
      environment.requestCancelActivity();
    });
    TabularTrainingRequest longRun =
        new TabularTrainingRequest(
            8, trainUri, testUri, "churn", "classification", "xgboost", List.of("customer_id"), null, null, null, null,
            5000, 6, 0.01, 5, 3, Map.of(), "runs/8");

    assertThatThrownBy(() -> activities.trainTabular(longRun)).isInstanceOf(io.temporal.failure.CanceledFailure.class);
    assertThat(((TabularAttemptProgress) heartbeats.get(0)).phase()).startsWith("cv fold 1 of 3: round ");
    assertThat(store.exists("runs/8/model/tabular_model.json")).isFalse();
  }

  @Test
  void shouldStopWhenItsRunSaysItWasCancelled() {
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    FoldReporter cancelledRun = new FoldReporter() {
      @Override
      public void report(String workflowId, dev.trainflow.workflows.activities.FoldReport report) {}

      @Override
      public boolean stopRequested(String workflowId) {
        return asked.incrementAndGet() > 1;
      }
    };
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new TabularTrainingActivitiesImpl(store, cancelledRun));
      TabularTrainingActivities stub = env.newActivityStub(TabularTrainingActivities.class, options());
      TabularTrainingRequest longRun =
          new TabularTrainingRequest(
              9, trainUri, testUri, "churn", "classification", "xgboost", List.of("customer_id"), null, null, null, null,
              5000, 6, 0.01, 5, 3, Map.of(), "runs/9");

      assertThatThrownBy(() -> stub.trainTabular(longRun))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOf(ApplicationFailure.class)
          .satisfies(f -> {
            assertThat(((ApplicationFailure) f).getType()).isEqualTo(TabularTrainingActivitiesImpl.STOPPED);
            assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue();
          });
      assertThat(store.exists("runs/9/model/tabular_model.json")).isFalse();
    } finally {
      env.close();
    }
  }

  @Test
  void shouldSkipTheFoldsAnEarlierAttemptMeasured() {
    TabularTrainingRequest request = request("xgboost", 3, Map.of());
    TabularTrainingResult uninterrupted = activities.trainTabular(request);
    // what attempt 1 reported before its worker was lost: the first two folds' metrics
    CsvTable train = CsvTable.parse(store.read(trainUri));
    List<Map<String, Double>> twoFolds =
        new TabularTraining(train, TabularSpec.classification("churn", List.of("customer_id")))
            .crossValidate(new XGBoostTrainer(), new TrainerParams(60, 4, 0.1, 5), 3).folds().subList(0, 2);

    List<TabularAttemptProgress> seen = new ArrayList<>();
    TabularTrainingResult resumed =
        retryWith(store, new TabularAttemptProgress("cv fold 3 of 3", twoFolds, null, null), request, seen);

    assertThat(seen.get(0).phase()).startsWith("cv fold 3 of 3");
    assertThat(resumed.cvMean()).isEqualTo(uninterrupted.cvMean());
    assertThat(resumed.metrics()).isEqualTo(uninterrupted.metrics());
  }

  @Test
  void shouldContinueTheFinalFitFromTheLastCheckpointOfALostAttempt() {
    TabularTrainingRequest request = request("xgboost", 0, Map.of());
    TabularTrainingResult uninterrupted = activities.trainTabular(request);
    // attempt 1: the worker dies right after the second checkpoint (round 20 of 60) is written
    CrashingStore crashing = new CrashingStore(store, "checkpoints/final-fit.ubj", 2);
    TestActivityEnvironment first = TestActivityEnvironment.newInstance();
    try {
      first.registerActivitiesImplementations(new TabularTrainingActivitiesImpl(crashing));
      TabularTrainingActivities stub = first.newActivityStub(TabularTrainingActivities.class, options());
      assertThatThrownBy(() -> stub.trainTabular(request)).isInstanceOf(ActivityFailure.class);
    } finally {
      first.close();
    }

    List<TabularAttemptProgress> seen = new ArrayList<>();
    TabularTrainingResult continued =
        retryWith(store, new TabularAttemptProgress("final fit", List.of(), crashing.lastUri, 20), request, seen);

    assertThat(seen.get(0).phase()).isEqualTo("final fit from round 20");
    assertThat(continued.metrics()).isEqualTo(uninterrupted.metrics());
    assertThat(continued.featureImportance()).isEqualTo(uninterrupted.featureImportance());
  }

  /** Writes through, and fails the n-th write of one path right after it landed: a worker lost there. */
  private static final class CrashingStore implements dev.trainflow.activities.artifacts.ArtifactStore {
    private final LocalArtifactStore delegate;
    private final String suffix;
    private final int crashAt;
    private int writes;
    String lastUri;

    CrashingStore(LocalArtifactStore delegate, String suffix, int crashAt) {
      this.delegate = delegate;
      this.suffix = suffix;
      this.crashAt = crashAt;
    }

    @Override
    public String uriOf(String path) {
      return delegate.uriOf(path);
    }

    @Override
    public String write(String path, byte[] content) {
      String uri = delegate.write(path, content);
      if (path.endsWith(suffix)) {
        lastUri = uri;
        if (++writes == crashAt) {
          throw new IllegalStateException("worker lost after writing " + path);
        }
      }
      return uri;
    }

    @Override
    public String upload(String path, java.nio.file.Path local) {
      return delegate.upload(path, local);
    }

    @Override
    public byte[] read(String uri) {
      return delegate.read(uri);
    }

    @Override
    public boolean exists(String uri) {
      return delegate.exists(uri);
    }

    @Override
    public java.nio.file.Path localCopy(String uri, java.nio.file.Path scratch) {
      return delegate.localCopy(uri, scratch);
    }

    @Override
    public int deleteTree(String path, java.util.Set<String> keep) {
      return delegate.deleteTree(path, keep);
    }
  }

  private static TabularTrainingResult retryWith(
      dev.trainflow.activities.artifacts.ArtifactStore on, TabularAttemptProgress details, TabularTrainingRequest request,
      List<TabularAttemptProgress> seen) {
    TestActivityEnvironment retry = TestActivityEnvironment.newInstance();
    try {
      retry.setHeartbeatDetails(details);
      retry.setActivityHeartbeatListener(TabularAttemptProgress.class, seen::add);
      retry.registerActivitiesImplementations(new TabularTrainingActivitiesImpl(on));
      return retry.newActivityStub(TabularTrainingActivities.class, options()).trainTabular(request);
    } finally {
      retry.close();
    }
  }

  private static ActivityOptions options() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setHeartbeatTimeout(Duration.ofMinutes(1))
        .build();
  }

  @Test
  void shouldBlockAWeakModelWithAThresholdGate() {
    TabularTrainingResult result =
        activities.trainTabular(request("random_forest", 0, gates("min_auc_roc", 0.99, "min_accuracy", 0.6)));

    assertThat(result.blessed()).isFalse();
    assertThat(result.gates().get(0).passed()).isFalse();
    assertThat(result.gates().get(0).value()).isLessThan(0.99);
    assertThat(result.gates().get(1).passed()).isTrue();
    assertThat(result.cvMean()).isEmpty();
  }

  @Test
  void shouldFailWithAReasonForABadLabelOrTrainer() {
    TabularTrainingRequest good = request("xgboost", 0, Map.of());
    TabularTrainingRequest badLabel =
        new TabularTrainingRequest(1, trainUri, testUri, "churned", "classification", "xgboost", List.of("customer_id"),
            null, null, null, null, 20, 3, 0.3, 1, 0, Map.of(), "runs/1");

    assertThatThrownBy(() -> activities.trainTabular(badLabel))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("label: no column 'churned'");
    assertThatThrownBy(() -> activities.trainTabular(withTrainer(good, "catboost")))
        .cause()
        .hasMessageContaining("trainer must be xgboost, random_forest or lightgbm, got 'catboost'");
  }

  private static TabularTrainingRequest request(String trainer, int folds, Map<String, Double> thresholds) {
    return new TabularTrainingRequest(
        7, trainUri, testUri, "churn", "classification", trainer, List.of("customer_id"), null, "one_hot", null, null,
        60, 4, 0.1, 5, folds, thresholds, "runs/7");
  }

  private static TabularTrainingRequest withTrainer(TabularTrainingRequest r, String trainer) {
    return new TabularTrainingRequest(
        r.runId(), r.trainUri(), r.testUri(), r.label(), r.modelType(), trainer, r.ignoredColumns(),
        r.categoricalColumns(), r.categoricalEncoding(), r.classWeights(), r.classWeightValues(), r.trees(),
        r.maxDepth(), r.learningRate(), r.seed(), r.cvFolds(), r.thresholds(), r.artifactPrefix());
  }

  private static Map<String, Double> gates(Object... pairs) {
    Map<String, Double> gates = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      gates.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return gates;
  }
}
