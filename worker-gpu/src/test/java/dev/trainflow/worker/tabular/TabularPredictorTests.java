package dev.trainflow.worker.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.LocalArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model written as a bundle (the training activity's call) and loaded by {@link TabularPredictor}
 * answers exactly what the trained model answers in process, for raw JSON-typed instances,
 * including a missing number and an unseen category; bad instances fail naming the feature.
 */
class TabularPredictorTests {
  @TempDir Path root;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("xgboost binary", new XGBoostTrainer(), TabularFixtures.BINARY),
        Arguments.of("xgboost binary ordinal", new XGBoostTrainer(), TabularFixtures.BINARY.withEncoding(CategoricalEncoding.ORDINAL)),
        Arguments.of("xgboost multiclass", new XGBoostTrainer(), TabularFixtures.MULTICLASS),
        Arguments.of("xgboost regression", new XGBoostTrainer(), TabularFixtures.REGRESSION),
        Arguments.of("random forest binary", new RandomForestTrainer(), TabularFixtures.BINARY),
        Arguments.of("random forest multiclass ordinal", new RandomForestTrainer(), TabularFixtures.MULTICLASS.withEncoding(CategoricalEncoding.ORDINAL)),
        Arguments.of("random forest regression", new RandomForestTrainer(), TabularFixtures.REGRESSION),
        Arguments.of("lightgbm binary", new LightGBMTrainer(), TabularFixtures.BINARY),
        Arguments.of("lightgbm binary ordinal", new LightGBMTrainer(), TabularFixtures.BINARY.withEncoding(CategoricalEncoding.ORDINAL)),
        Arguments.of("lightgbm multiclass", new LightGBMTrainer(), TabularFixtures.MULTICLASS),
        Arguments.of("lightgbm regression", new LightGBMTrainer(), TabularFixtures.REGRESSION));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void shouldPredictExactlyAsTheTrainedModel(String name, TabularTrainer trainer, TabularSpec spec) {
    TabularFit fit = TabularFixtures.fit(trainer, spec);
    LocalArtifactStore store = new LocalArtifactStore(root);
    String uri = fit.bundle().writeTo(store, "runs/3/model");

    TabularPredictor fromFolder = TabularPredictor.load(root.resolve("runs/3/model"));
    TabularPredictor fromStore = TabularPredictor.load(store, uri);
    List<String[]> rows = TabularFixtures.testRowsWithGaps(fit);
    TabularPrediction expected = TabularFixtures.inProcess(fit, rows);
    TabularPrediction served = fromFolder.predict(TabularFixtures.instances(rows, fit));

    assertThat(uri).isEqualTo(store.uriOf("runs/3/model"));
    assertThat(served.rows()).isEqualTo(TabularFixtures.TEST.size());
    if (fit.result().task().classification()) {
      assertThat(served.classLabels()).isEqualTo(fit.result().classLabels());
      assertThat(served.probabilities()).isDeepEqualTo(expected.probabilities());
      assertThat(fromStore.predict(TabularFixtures.instances(rows, fit)).probabilities()).isDeepEqualTo(expected.probabilities());
      // the gaps are real inputs: the missing number or the unseen category changed the answer
      assertThat(served.probabilities()[1]).isNotEqualTo(TabularFixtures.inProcess(fit, TabularFixtures.TEST.rows()).probabilities()[1]);
    } else {
      assertThat(served.values()).isEqualTo(expected.values());
      assertThat(fromStore.predict(TabularFixtures.instances(rows, fit)).values()).isEqualTo(expected.values());
    }
  }

  @Test
  void shouldReproduceTheTestMetricsOfTraining() {
    TabularFit fit = TabularFixtures.fit(new XGBoostTrainer(), TabularFixtures.BINARY);
    TabularPredictor predictor = TabularPredictor.of(fit.bundle());

    TabularPrediction served = predictor.predict(TabularFixtures.instances(TabularFixtures.TEST.rows(), fit));

    int[] truth = TabularFixtures.TEST.rows().stream().mapToInt(r -> Integer.parseInt(r[TabularFixtures.TEST.column("churn")])).toArray();
    assertThat(ClassificationMetrics.of(truth, served.probabilities(), 2)).isEqualTo(fit.result().metrics());
    assertThat(served.predictedClass(0)).isEqualTo(served.probabilities()[0][1] > served.probabilities()[0][0] ? "1" : "0");
  }

  @Test
  void shouldDescribeTheModelInItsDescriptor() throws Exception {
    TabularFit fit = TabularFixtures.fit(new XGBoostTrainer(), TabularFixtures.BINARY);
    fit.bundle().writeTo(new LocalArtifactStore(root), "model");

    JsonNode descriptor = JsonCodec.mapper().readTree(Files.readAllBytes(root.resolve("model/tabular_model.json")));

    assertThat(Files.isRegularFile(root.resolve("model/model.ubj"))).isTrue();
    assertThat(descriptor.get("format").asText()).isEqualTo("trainflow-tabular");
    assertThat(descriptor.get("format_version").asInt()).isEqualTo(1);
    assertThat(descriptor.get("trainer").asText()).isEqualTo("xgboost");
    assertThat(descriptor.get("task").asText()).isEqualTo("binary");
    assertThat(descriptor.get("label").asText()).isEqualTo("churn");
    assertThat(descriptor.get("class_labels").toString()).isEqualTo("[\"0\",\"1\"]");
    assertThat(descriptor.get("categorical_encoding").asText()).isEqualTo("one_hot");
    assertThat(descriptor.get("unseen_category").asText()).isEqualTo("all_zero");
    List<String> names = new ArrayList<>();
    descriptor.get("features").forEach(f -> names.add(f.get("name").asText() + ":" + f.get("kind").asText()));
    assertThat(names)
        .containsExactly(
            "tenure_months:numeric", "monthly_charges:numeric", "total_charges:numeric", "contract_type:categorical",
            "payment_method:categorical", "support_calls:numeric");
    assertThat(descriptor.get("features").get(3).get("categories").toString())
        .isEqualTo("[\"month_to_month\",\"one_year\",\"two_year\"]");
    // 4 numbers, 3 contract types and 4 payment methods one-hot
    assertThat(descriptor.get("encoded_width").asInt()).isEqualTo(11);
  }

  @Test
  void shouldNameAMissingOrMistypedFeature() {
    TabularFit fit = TabularFixtures.fit(new RandomForestTrainer(), TabularFixtures.BINARY);
    TabularPredictor predictor = TabularPredictor.of(fit.bundle());
    Map<String, Object> good = TabularFixtures.instances(TabularFixtures.TEST.rows().subList(0, 1), fit).get(0);
    Map<String, Object> missing = new LinkedHashMap<>(good);
    missing.remove("payment_method");
    Map<String, Object> wordForNumber = new LinkedHashMap<>(good);
    wordForNumber.put("tenure_months", "twelve");
    Map<String, Object> numberForCategory = new LinkedHashMap<>(good);
    numberForCategory.put("contract_type", 2);

    assertThatThrownBy(() -> predictor.predict(List.of(good, missing)))
        .isInstanceOf(TabularInputException.class)
        .hasMessageStartingWith("instance 1 is missing feature 'payment_method' (a string, categorical)")
        .hasMessageContaining("tenure_months");
    assertThatThrownBy(() -> predictor.predict(List.of(wordForNumber)))
        .isInstanceOf(TabularInputException.class)
        .hasMessage("instance 0: feature 'tenure_months' must be a number or null, numeric, got String twelve");
    assertThatThrownBy(() -> predictor.predict(List.of(numberForCategory)))
        .hasMessage("instance 0: feature 'contract_type' must be a string, categorical, got Integer 2");
  }

  /** Stands for any class a crafted model file could name to run code while being deserialized. */
  record Foreign(String payload) implements java.io.Serializable {}

  @Test
  void shouldRefuseAForestFileThatNamesClassesOutsideSmileAndTheJdk() throws Exception {
    TabularFit fit = TabularFixtures.fit(new RandomForestTrainer(), TabularFixtures.BINARY);
    fit.bundle().writeTo(new LocalArtifactStore(root), "model");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(new java.util.ArrayList<>(List.of(new Foreign("x"))));
    }
    Files.write(root.resolve("model/model.ser"), bytes.toByteArray());

    assertThatThrownBy(() -> TabularPredictor.load(root.resolve("model")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Smile random forest")
        .hasMessageContaining("REJECTED");
  }

  @Test
  void shouldRefuseABundleFromAnUnknownFormatVersionNamingTheField() throws Exception {
    TabularFit fit = TabularFixtures.fit(new XGBoostTrainer(), TabularFixtures.BINARY);
    fit.bundle().writeTo(new LocalArtifactStore(root), "model");
    Path descriptor = root.resolve("model/tabular_model.json");
    Files.writeString(descriptor, Files.readString(descriptor).replace("\"format_version\" : 1", "\"format_version\" : 2"));

    assertThatThrownBy(() -> TabularPredictor.load(root.resolve("model")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tabular_model.json: format_version 2 is not supported");
  }
}
