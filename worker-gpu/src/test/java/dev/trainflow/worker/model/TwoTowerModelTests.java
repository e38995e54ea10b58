package dev.trainflow.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trainflow.workflows.activities.FeatureTransform;
import dev.trainflow.workflows.activities.TransformSpec;
import dev.trainflow.workflows.spec.ModelConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TwoTowerModelTests {
  static final FeatureTransform USER = embedding("user_id", List.of("u1", "u2", "u3", "u4"), 8);
  static final FeatureTransform ITEM = embedding("item_id", List.of("i1", "i2", "i3", "i4", "i5"), 8);
  static final FeatureTransform AGE = new FeatureTransform("age", "age", "float", "normalize", 1, null, 40.0, 10.0, null);
  static final FeatureTransform PRICE =
      new FeatureTransform("price", "price", "float", "bucketize", 3, null, null, null, List.of(10.0, 20.0));

  @Test
  void shouldUseALoneEmbeddingOfTheEmbeddingSizeAsTheTower() {
    TwoTowerArchitecture architecture = TwoTowerArchitecture.of(new TransformSpec("u", "i", List.of(USER), List.of(ITEM)), config(8, null, null));

    assertThat(architecture.query().projection()).isFalse();
    assertThat(architecture.variables()).extracting(VariableSpec::name).containsExactly("query/embedding/user_id", "candidate/embedding/item_id");
    assertThat(architecture.variables().get(0).shape()).containsExactly(5, 8);
  }

  @Test
  void shouldEndATowerWithoutLayersInAProjectionToTheEmbeddingSize() {
    TwoTowerArchitecture architecture =
        TwoTowerArchitecture.of(new TransformSpec("u", "i", List.of(USER, AGE), List.of(ITEM, PRICE)), config(16, null, null));

    assertThat(architecture.query().projection()).isTrue();
    assertThat(variable(architecture, "query/projection/kernel").shape()).containsExactly(9, 16);
    assertThat(variable(architecture, "candidate/embedding/price").shape()).containsExactly(3, 3);
    assertThat(variable(architecture, "candidate/projection/kernel").shape()).containsExactly(11, 16);
  }

  @Test
  void shouldEndATowerWithLayersInItsLastLayer() {
    TwoTowerArchitecture architecture =
        TwoTowerArchitecture.of(
            new TransformSpec("u", "i", List.of(USER, AGE), List.of(ITEM)), config(32, List.of(64, 16), List.of(16)));

    assertThat(architecture.embeddingDim()).isEqualTo(16);
    assertThat(variable(architecture, "query/dense_0/kernel").shape()).containsExactly(9, 64);
    assertThat(variable(architecture, "query/dense_1/kernel").shape()).containsExactly(64, 16);
    assertThat(architecture.variables()).extracting(VariableSpec::name).noneMatch(name -> name.contains("projection"));
  }

  @Test
  void shouldRejectTowersWhoseOutputsDiffer() {
    TransformSpec spec = new TransformSpec("u", "i", List.of(USER), List.of(ITEM));

    assertThatThrownBy(() -> TwoTowerArchitecture.of(spec, config(8, List.of(8), List.of(4))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same size");
  }

  @Test
  void shouldComputeTheSummedInBatchSoftmaxLossWithTheSamplingCorrection() {
    TwoTowerArchitecture architecture = TwoTowerArchitecture.of(new TransformSpec("u", "i", List.of(USER), List.of(ITEM)), config(8, null, null));
    List<NamedTensor> weights = InitialWeights.create(architecture.variables(), 3);
    try (TwoTowerModel model = TwoTowerModel.forInference(architecture)) {
      model.load(weights);
      int[] users = {1, 2, 3};
      int[] items = {2, 5, 1};
      float[] logProbabilities = {-0.5f, -2f, -1f};

      double loss = model.losses(TrainingBatch.retrieval(ids(users), ids(items), logProbabilities)).retrieval();
      double uncorrected = model.losses(TrainingBatch.retrieval(ids(users), ids(items), new float[3])).retrieval();

      float[] userTable = weights.get(0).values();
      float[] itemTable = weights.get(1).values();
      assertThat(loss).isCloseTo(expectedLoss(userTable, users, itemTable, items, logProbabilities), within(1e-5));
      assertThat(uncorrected).isCloseTo(expectedLoss(userTable, users, itemTable, items, new float[3]), within(1e-5));
      assertThat(loss).isNotCloseTo(uncorrected, within(1e-3));
    }
  }

  /** Σ_rows logsumexp_j(q_i·c_j − log p_j) − (q_i·c_i − log p_i), computed in double precision. */
  private static double expectedLoss(float[] userTable, int[] users, float[] itemTable, int[] items, float[] logProbabilities) {
    double expected = 0;
    for (int row = 0; row < users.length; row++) {
      double[] logits = new double[items.length];
      double max = Double.NEGATIVE_INFINITY;
      for (int col = 0; col < items.length; col++) {
        logits[col] = dot(userTable, users[row], itemTable, items[col], 8) - logProbabilities[col];
        max = Math.max(max, logits[col]);
      }
      double sum = 0;
      for (double logit : logits) {
        sum += Math.exp(logit - max);
      }
      expected += max + Math.log(sum) - logits[row];
    }
    return expected;
  }

  @ParameterizedTest
  @CsvSource({"adagrad, 0.1", "sgd, 0.05", "adam, 0.01"})
  void shouldReduceTheLossWithEachOptimizer(String optimizer, double learningRate) {
    TwoTowerArchitecture architecture =
        TwoTowerArchitecture.of(new TransformSpec("u", "i", List.of(USER, AGE), List.of(ITEM, PRICE)), config(8, List.of(16, 8), null));
    try (TwoTowerModel model = TwoTowerModel.forTraining(architecture, Optimizer.named(optimizer))) {
      model.load(InitialWeights.create(model.allVariables(), 1));
      TowerInput users = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 4}), FeatureValues.ofValues(new float[] {-1, 0, 1, 2})));
      TowerInput items = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 4}), FeatureValues.ofIndices(new int[] {0, 1, 2, 2})));

      float[] uniform = new float[4];

      double first = model.trainStep(TrainingBatch.retrieval(users, items, uniform), learningRate).retrieval();
      for (int step = 0; step < 30; step++) {
        model.trainStep(TrainingBatch.retrieval(users, items, uniform), learningRate);
      }

      assertThat(model.losses(TrainingBatch.retrieval(users, items, uniform)).retrieval()).isLessThan(first * 0.8);
    }
  }

  @Test
  void shouldNormaliseTowerOutputsWhenAsked() {
    TwoTowerArchitecture architecture =
        TwoTowerArchitecture.of(new TransformSpec("u", "i", List.of(USER, AGE), List.of(ITEM)), config(8, null, null, true));
    try (TwoTowerModel model = TwoTowerModel.forInference(architecture)) {
      model.load(InitialWeights.create(model.allVariables(), 1));

      float[] embeddings = model.queryEmbeddings(TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 3}), FeatureValues.ofValues(new float[] {0.5f, -2f}))));

      for (int row = 0; row < 2; row++) {
        assertThat(dot(embeddings, row, embeddings, row, 8)).isCloseTo(1.0, within(1e-5));
      }
    }
  }

  @Test
  void shouldRoundTripWeightsAndOptimizerStateThroughTheWeightsFile() {
    TwoTowerArchitecture architecture =
        TwoTowerArchitecture.of(new TransformSpec("u", "i", List.of(USER, AGE), List.of(ITEM, PRICE)), config(8, null, null));
    TowerInput items = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 0}), FeatureValues.ofIndices(new int[] {0, 1, 2, 2})));
    TowerInput users = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 4}), FeatureValues.ofValues(new float[] {-1, 0, 1, 2})));
    try (TwoTowerModel trained = TwoTowerModel.forTraining(architecture, Optimizer.named("adam"));
        TwoTowerModel reloaded = TwoTowerModel.forInference(architecture)) {
      trained.load(InitialWeights.create(trained.allVariables(), 9));
      trained.trainStep(TrainingBatch.retrieval(users, items, new float[4]), 0.01);
      List<NamedTensor> state = trained.read(trained.allVariables());

      List<NamedTensor> restored = WeightsFile.read(WeightsFile.write(state));
      reloaded.load(WeightsFile.read(WeightsFile.write(trained.read(trained.modelVariables()))));

      assertThat(restored).hasSameSizeAs(state);
      for (int i = 0; i < state.size(); i++) {
        assertThat(restored.get(i).name()).isEqualTo(state.get(i).name());
        assertThat(restored.get(i).shape()).isEqualTo(state.get(i).shape());
        assertThat(restored.get(i).values()).isEqualTo(state.get(i).values());
      }
      assertThat(restored).extracting(NamedTensor::name).contains("adam/m/query/projection/kernel", "adam/beta1_power");
      assertThat(reloaded.candidateEmbeddings(items)).isEqualTo(trained.candidateEmbeddings(items));
    }
  }

  @Test
  void shouldRejectWeightsOfTheWrongShape() {
    TwoTowerArchitecture architecture = TwoTowerArchitecture.of(new TransformSpec("u", "i", List.of(USER), List.of(ITEM)), config(8, null, null));
    try (TwoTowerModel model = TwoTowerModel.forInference(architecture)) {
      NamedTensor wrong = new NamedTensor("query/embedding/user_id", new int[] {4, 8}, new float[32]);

      assertThatThrownBy(() -> model.load(List.of(wrong))).hasMessageContaining("query/embedding/user_id").hasMessageContaining("[5, 8]");
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @CsvSource({"multitask, 0.7, 1.3", "ranking, , ", "retrieval, , "})
  void shouldStepAlongTheTrueGradientOfEachModelType(String type, Double retrievalWeight, Double rankingWeight) {
    // candidate bias, sampling correction, a ranking head and task weights: in the multitask case
    // the hand-written retrieval gradient and the autodiff ranking gradient meet in one step
    TransformSpec spec = new TransformSpec("u", "i", List.of(USER, AGE), List.of(ITEM, PRICE), "rating", 3.0);
    TwoTowerArchitecture architecture =
        TwoTowerArchitecture.of(
            spec,
            new ModelConfig(
                type, 4, null, null, null, null, false, "retrieval".equals(type) ? null : List.of(6), retrievalWeight,
                rankingWeight, !"ranking".equals(type), null, true),
            5);
    TowerInput users = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 4}), FeatureValues.ofValues(new float[] {-1, 0, 1, 2})));
    TowerInput items = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 5}), FeatureValues.ofIndices(new int[] {0, 1, 2, 2})));
    TrainingBatch batch = new TrainingBatch(users, items, new float[] {-1f, -2f, -0.5f, -3f}, new int[] {0, 1, 2, 4}, new float[] {4, 2, 5, 1});
    try (TwoTowerModel model = TwoTowerModel.forTraining(architecture, Optimizer.named("sgd"))) {
      List<NamedTensor> start = InitialWeights.create(model.allVariables(), 4);
      model.load(start);
      model.trainStep(batch, 1.0);
      List<NamedTensor> stepped = model.read(model.modelVariables());

      List<String> checked =
          model.modelVariables().stream().map(VariableSpec::name).filter(n -> !n.endsWith("/bias") || n.equals("candidate/bias")).toList();
      for (String name : checked) {
        float[] before = tensor(start, name).values();
        float[] after = tensor(stepped, name).values();
        for (int index : new int[] {0, 3, before.length - 1}) {
          double analytic = before[index] - after[index];
          double numeric = numericGradient(model, start, name, index, batch);
          assertThat(analytic).as("%s[%d]", name, index).isCloseTo(numeric, within(2e-3 + 0.02 * Math.abs(numeric)));
        }
      }
    }
  }

  @Test
  void shouldComputeTheSameLossAndStepInBlocksAsAtOnceEvenForAShortBatch() {
    TwoTowerArchitecture architecture =
        TwoTowerArchitecture.of(
            new TransformSpec("u", "i", List.of(USER, AGE), List.of(ITEM, PRICE)),
            new ModelConfig("retrieval", 8, null, null, null, null, false, null, null, null, true, null, true), 6);
    // 5 rows in blocks of 2: blocks of 2, 2, 1 and an empty fourth (the model takes batches up to 8)
    TowerInput users = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 4, 0}), FeatureValues.ofValues(new float[] {-1, 0, 1, 2, 3})));
    TowerInput items = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 5, 4}), FeatureValues.ofIndices(new int[] {0, 1, 2, 2, 1})));
    TrainingBatch batch = new TrainingBatch(users, items, new float[] {-1f, -2f, -0.5f, -3f, -1f}, new int[] {0, 1, 2, 4, 5}, null);
    // SGD: Adam's first step divides by |gradient| and would blow up float noise in gradients that
    // are zero in exact arithmetic (the candidate projection's bias shifts every logit of a row alike)
    try (TwoTowerModel whole = TwoTowerModel.forTraining(architecture, Optimizer.named("sgd"));
        TwoTowerModel blocked = TwoTowerModel.forTraining(architecture, Optimizer.named("sgd"), 8, 2)) {
      List<NamedTensor> start = InitialWeights.create(whole.allVariables(), 5);
      whole.load(start);
      blocked.load(start);

      assertThat(blocked.trainStep(batch, 0.5).retrieval()).isCloseTo(whole.trainStep(batch, 0.5).retrieval(), within(1e-5));

      List<NamedTensor> a = whole.read(whole.allVariables());
      List<NamedTensor> b = blocked.read(blocked.allVariables());
      for (int i = 0; i < a.size(); i++) {
        for (int j = 0; j < a.get(i).values().length; j++) {
          assertThat(b.get(i).values()[j]).as(a.get(i).name()).isCloseTo(a.get(i).values()[j], within(1e-5f));
        }
      }
    }
  }

  @Test
  void shouldClipTheStepToTheGlobalNorm() {
    TwoTowerArchitecture architecture =
        TwoTowerArchitecture.of(new TransformSpec("u", "i", List.of(USER, AGE), List.of(ITEM, PRICE)), config(8, null, null));
    TowerInput users = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 4}), FeatureValues.ofValues(new float[] {-1, 0, 1, 2})));
    TowerInput items = TowerInput.of(List.of(FeatureValues.ofIndices(new int[] {1, 2, 3, 4}), FeatureValues.ofIndices(new int[] {0, 1, 2, 2})));
    try (TwoTowerModel model = TwoTowerModel.forTraining(architecture, Optimizer.named("sgd"), 1e-3, DevicePlacement.sessionConfig(0), 4)) {
      List<NamedTensor> start = InitialWeights.create(model.allVariables(), 2);
      model.load(start);

      model.trainStep(TrainingBatch.retrieval(users, items, new float[4]), 1.0);

      double squares = 0;
      List<NamedTensor> after = model.read(model.modelVariables());
      for (NamedTensor tensor : after) {
        float[] before = tensor(start, tensor.name()).values();
        for (int i = 0; i < before.length; i++) {
          squares += Math.pow(tensor.values()[i] - before[i], 2);
        }
      }
      assertThat(Math.sqrt(squares)).isGreaterThan(0).isLessThanOrEqualTo(1e-3 * 1.001);
    }
  }

  /** d(objective)/d(weight) by central differences, the objective as the step minimises it. */
  private static double numericGradient(TwoTowerModel model, List<NamedTensor> start, String name, int index, TrainingBatch batch) {
    double epsilon = 1e-2;
    double[] objective = new double[2];
    for (int side = 0; side < 2; side++) {
      List<NamedTensor> moved = new java.util.ArrayList<>();
      for (NamedTensor tensor : start) {
        float[] values = tensor.values().clone();
        if (tensor.name().equals(name)) {
          values[index] += (float) (side == 0 ? epsilon : -epsilon);
        }
        moved.add(new NamedTensor(tensor.name(), tensor.shape(), values));
      }
      model.load(moved);
      BatchLosses losses = model.losses(batch);
      TwoTowerArchitecture a = model.architecture();
      // the ranking head trains on the mean squared error
      objective[side] = a.retrievalWeight() * losses.retrieval() + a.rankingWeight() * losses.squaredError() / batch.rows();
    }
    model.load(start);
    return (objective[0] - objective[1]) / (2 * epsilon);
  }

  private static NamedTensor tensor(List<NamedTensor> tensors, String name) {
    return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static TowerInput ids(int[] ids) {
    return TowerInput.of(List.of(FeatureValues.ofIndices(ids)));
  }

  private static double dot(float[] a, int rowA, float[] b, int rowB, int dim) {
    double sum = 0;
    for (int d = 0; d < dim; d++) {
      sum += a[rowA * dim + d] * b[rowB * dim + d];
    }
    return sum;
  }

  private static VariableSpec variable(TwoTowerArchitecture architecture, String name) {
    return architecture.variables().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  private static FeatureTransform embedding(String name, List<String> vocabulary, int dim) {
    return new FeatureTransform(name, name, "string", "embedding", dim, vocabulary, null, null, null);
  }

  private static ModelConfig config(int dim, List<Integer> queryLayers, List<Integer> candidateLayers) {
    return config(dim, queryLayers, candidateLayers, false);
  }

  private static ModelConfig config(int dim, List<Integer> queryLayers, List<Integer> candidateLayers, boolean l2) {
    return new ModelConfig("retrieval", dim, queryLayers, candidateLayers, null, null, l2);
  }
}
