package dev.trainflow.worker.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A two-tower model as a TensorFlow graph and its session: both towers, the retrieval head (the
 * in-batch softmax, {@link InBatchSoftmax}), the ranking head (concat(query, candidate) → dense
 * layers → the predicted label, squared error), and for training the gradients, the optional
 * global-norm clipping and one optimizer step at a learning rate fed with every step.
 *
 * <p>Every variable is written through a placeholder-fed assign, so initial weights, checkpoints,
 * warm starts and trained models all load the same way and the Java side decides every initial
 * value.
 */
public final class TwoTowerModel implements AutoCloseable {
  private final TwoTowerArchitecture architecture;
  private final List<VariableSpec> modelVariables;
  private final List<VariableSpec> allVariables;
  private final Graph graph;
  private final Session session;
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final Map<String, Placeholder<TFloat32>> assignInputs = new LinkedHashMap<>();
  private final Map<String, Assign<TFloat32>> assigns = new LinkedHashMap<>();
  private final TowerGraph queryTower;
  private final TowerGraph candidateTower;
  private final Placeholder<TFloat32> logSamplingProbabilities;
  private final Placeholder<TInt32> catalogPositions;
  private final Placeholder<TFloat32> labels;
  private final Operand<TFloat32> retrievalLoss;
  private final Operand<TFloat32> predictions;
  private final Operand<TFloat32> squaredError;
  private final Operand<TFloat32> absoluteError;
  private final Placeholder<TFloat32> learningRate;
  private final Op trainStep;
  private final Placeholder<TFloat32> candidateEmbeddingsInput;
  private final Placeholder<TFloat32> candidateBiasInput;
  private final Operand<TFloat32> scores;

  /** Rows per block of the in-batch softmax, and the batch from which blocks pay (measured on 2 cores). */
  static final int BLOCK_ROWS = 1024;
  private static final int BLOCKED_FROM = 4096;

  private TwoTowerModel(
      TwoTowerArchitecture architecture, Optimizer optimizer, Double clipNorm, ConfigProto sessionConfig, int maxBatch, int blockRows) {
    this.architecture = architecture;
    this.modelVariables = architecture.variables();
    List<VariableSpec> all = new ArrayList<>(modelVariables);
    if (optimizer != null) {
      all.addAll(optimizer.slots(modelVariables));
    }
    this.allVariables = List.copyOf(all);
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      Ops variableScope = tf.withSubScope("variables");
      for (VariableSpec spec : allVariables) {
        Variable<TFloat32> variable = variableScope.variable(Shape.of(spec.dims()), TFloat32.class);
        Placeholder<TFloat32> input = variableScope.placeholder(TFloat32.class, Placeholder.shape(Shape.of(spec.dims())));
        variables.put(spec.name(), variable);
        assignInputs.put(spec.name(), input);
        assigns.put(spec.name(), variableScope.assign(variable, input));
      }
      this.queryTower = TowerGraph.build(tf, architecture.query(), variables, architecture.l2Normalize());
      this.candidateTower = TowerGraph.build(tf, architecture.candidate(), variables, architecture.l2Normalize());
      Operand<TFloat32> queries = queryTower.output();
      Operand<TFloat32> candidates = candidateTower.output();
      List<Output<?>> ys = new ArrayList<>();
      List<Output<?>> dys = new ArrayList<>();

      Ops lossScope = tf.withSubScope("retrieval");
      Operand<TFloat32> biasRows = null;
      if (architecture.retrieves()) {
        this.logSamplingProbabilities = lossScope.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        this.catalogPositions =
            architecture.candidateBias() ? lossScope.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))) : null;
        Operand<TFloat32> columnTerm = null;
        if (architecture.candidateBias()) {
          biasRows = lossScope.gather(variables.get(TwoTowerArchitecture.CANDIDATE_BIAS), catalogPositions, lossScope.constant(0));
          columnTerm = biasRows;
        }
        if (architecture.samplingCorrection()) {
          columnTerm =
              columnTerm == null
                  ? lossScope.math.neg(logSamplingProbabilities)
                  : lossScope.math.sub(columnTerm, logSamplingProbabilities);
        }
        // The head reads the towers through identities, which are where its gradient enters: when a
        // tower output is itself a y of addGradients, the ranking head's gradient flowing into it
        // from below is dropped instead of added (measured: multitask steps missed it).
        Operand<TFloat32> retrievalQueries = lossScope.identity(queries);
        Operand<TFloat32> retrievalCandidates = lossScope.identity(candidates);
        InBatchSoftmax softmax =
            InBatchSoftmax.build(
                lossScope, retrievalQueries, retrievalCandidates, columnTerm, architecture.embeddingDim(),
                (maxBatch + blockRows - 1) / blockRows, blockRows);
        this.retrievalLoss = softmax.loss();
        Operand<TFloat32> weight = lossScope.constant((float) architecture.retrievalWeight());
        ys.add(retrievalQueries.asOutput());
        dys.add(lossScope.math.mul(softmax.queryGradient(), weight).asOutput());
        ys.add(retrievalCandidates.asOutput());
        dys.add(lossScope.math.mul(softmax.candidateGradient(), weight).asOutput());
        if (biasRows != null) {
          ys.add(biasRows.asOutput());
          dys.add(lossScope.math.mul(softmax.columnGradient(), weight).asOutput());
        }
      } else {
        this.logSamplingProbabilities = null;
        this.catalogPositions = null;
        this.retrievalLoss = null;
      }

      if (architecture.ranks()) {
        Ops rankingScope = tf.withSubScope("ranking");
        this.labels = rankingScope.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        this.predictions = RankingHead.predictions(rankingScope, architecture, variables, queries, candidates);
        Operand<TFloat32> errors = rankingScope.math.sub(predictions, labels);
        this.squaredError = rankingScope.reduceSum(rankingScope.math.square(errors), rankingScope.constant(0));
        this.absoluteError = rankingScope.reduceSum(rankingScope.math.abs(errors), rankingScope.constant(0));
        // TFRS's Ranking task takes the mean squared error: d(mean)/d(sum) = 1 / rows
        Operand<TFloat32> rows = rankingScope.dtypes.cast(rankingScope.size(labels), TFloat32.class);
        ys.add(squaredError.asOutput());
        dys.add(rankingScope.math.div(rankingScope.constant((float) architecture.rankingWeight()), rows).asOutput());
      } else {
        this.labels = null;
        this.predictions = null;
        this.squaredError = null;
        this.absoluteError = null;
      }

      if (optimizer != null) {
        if (architecture.embeddingL2() > 0) {
          Ops regularization = tf.withSubScope("regularization");
          Operand<TFloat32> penalty = regularization.constant(0f);
          for (VariableSpec table : architecture.embeddingTables()) {
            penalty =
                regularization.math.add(
                    penalty,
                    regularization.reduceSum(
                        // read through Identity: Square's C++ gradient crashes on a reference-typed input
                        regularization.math.square(regularization.identity(variables.get(table.name()))),
                        regularization.constant(new int[] {0, 1})));
          }
          ys.add(regularization.math.mul(penalty, regularization.constant((float) architecture.embeddingL2())).asOutput());
          dys.add(regularization.constant(1f).asOutput());
        }
        this.learningRate = tf.withSubScope("optimizer").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        this.trainStep = minimize(tf, optimizer, ys, dys, clipNorm);
      } else {
        this.learningRate = null;
        this.trainStep = null;
      }

      Ops scoring = tf.withSubScope("scores");
      this.candidateEmbeddingsInput =
          scoring.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, architecture.embeddingDim())));
      this.candidateBiasInput = scoring.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> dots = scoring.linalg.matMul(queries, candidateEmbeddingsInput, MatMul.transposeB(true));
      this.scores =
          architecture.candidateBias()
              ? scoring.math.add(dots, scoring.reshape(candidateBiasInput, scoring.constant(new int[] {1, -1})))
              : dots;
      this.session = new Session(graph, sessionConfig);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * A model that trains with {@code optimizer}; load initial weights or a checkpoint before use.
   *
   * @param clipNorm the global-norm limit of the gradients, or null for none
   */
  public static TwoTowerModel forTraining(
      TwoTowerArchitecture architecture, Optimizer optimizer, Double clipNorm, ConfigProto sessionConfig, int batchSize) {
    return new TwoTowerModel(
        architecture, optimizer, clipNorm, sessionConfig, batchSize, batchSize >= BLOCKED_FROM ? BLOCK_ROWS : batchSize);
  }

  /** A model that trains on the CPU without clipping, the in-batch softmax in blocks of {@code blockRows}. */
  static TwoTowerModel forTraining(TwoTowerArchitecture architecture, Optimizer optimizer, int maxBatch, int blockRows) {
    return new TwoTowerModel(architecture, optimizer, null, DevicePlacement.sessionConfig(0), maxBatch, blockRows);
  }

  /** A model that trains on the CPU without clipping, the in-batch softmax in one block. */
  public static TwoTowerModel forTraining(TwoTowerArchitecture architecture, Optimizer optimizer) {
    return new TwoTowerModel(architecture, optimizer, null, DevicePlacement.sessionConfig(0), 1, 1);
  }

  /**
   * Towers, losses and scoring only; load trained weights before use.
   *
   * @param batchSize the largest batch its losses are computed on
   */
  public static TwoTowerModel forInference(TwoTowerArchitecture architecture, ConfigProto sessionConfig, int batchSize) {
    return new TwoTowerModel(architecture, null, null, sessionConfig, batchSize, batchSize >= BLOCKED_FROM ? BLOCK_ROWS : batchSize);
  }

  public static TwoTowerModel forInference(TwoTowerArchitecture architecture, ConfigProto sessionConfig) {
    return new TwoTowerModel(architecture, null, null, sessionConfig, 1, 1);
  }

  public static TwoTowerModel forInference(TwoTowerArchitecture architecture) {
    return forInference(architecture, DevicePlacement.sessionConfig(0), 1);
  }

  public TwoTowerArchitecture architecture() {
    return architecture;
  }

  /** The weights of the model, without optimizer state. */
  public List<VariableSpec> modelVariables() {
    return modelVariables;
  }

  /** The weights and, when training, the optimizer's slots: what a checkpoint holds. */
  public List<VariableSpec> allVariables() {
    return allVariables;
  }

  /** Writes {@code tensors} into the graph; each must name a variable and match its shape. */
  public void load(List<NamedTensor> tensors) {
    Map<String, VariableSpec> specs = new LinkedHashMap<>();
    allVariables.forEach(spec -> specs.put(spec.name(), spec));
    try (OpenTensors open = new OpenTensors()) {
      Session.Runner runner = session.runner();
      for (NamedTensor tensor : tensors) {
        VariableSpec spec = specs.get(tensor.name());
        if (spec == null) {
          throw new IllegalArgumentException("the model has no variable '" + tensor.name() + "'");
        }
        if (!tensor.hasShape(spec.shape())) {
          throw new IllegalArgumentException(
              "variable '" + tensor.name() + "' has shape " + spec.shape() + ", the file has " + Arrays.toString(tensor.shape()));
        }
        runner.feed(
            assignInputs.get(tensor.name()),
            open.add(TFloat32.tensorOf(Shape.of(spec.dims()), DataBuffers.of(tensor.values(), true, false))));
        runner.addTarget(assigns.get(tensor.name()));
      }
      if (!runner.isEmpty()) {
        runner.run().close();
      }
    }
  }

  /** Names of the variables that {@code load} has not been given yet, for a caller that must load all. */
  public List<String> missingFrom(List<NamedTensor> tensors) {
    Set<String> names = new HashSet<>();
    tensors.forEach(t -> names.add(t.name()));
    return allVariables.stream().map(VariableSpec::name).filter(n -> !names.contains(n)).toList();
  }

  /** The current values of {@code specs}, fetched in one run. */
  public List<NamedTensor> read(List<VariableSpec> specs) {
    if (specs.isEmpty()) {
      return List.of();
    }
    Session.Runner runner = session.runner();
    for (VariableSpec spec : specs) {
      runner.fetch(variables.get(spec.name()));
    }
    List<NamedTensor> values = new ArrayList<>(specs.size());
    try (Result result = runner.run()) {
      for (int i = 0; i < specs.size(); i++) {
        VariableSpec spec = specs.get(i);
        float[] data = new float[spec.size()];
        ((TFloat32) result.get(i)).copyTo(DataBuffers.of(data, false, false));
        values.add(new NamedTensor(spec.name(), spec.shape().stream().mapToInt(Integer::intValue).toArray(), data));
      }
    }
    return values;
  }

  /** One optimizer step on a batch at {@code rate}; returns the batch's summed losses before the step. */
  public BatchLosses trainStep(TrainingBatch batch, double rate) {
    if (trainStep == null) {
      throw new IllegalStateException("an inference model cannot train");
    }
    return run(batch, rate, true);
  }

  /** The summed losses of a batch, without training. */
  public BatchLosses losses(TrainingBatch batch) {
    return run(batch, 0, false);
  }

  private BatchLosses run(TrainingBatch batch, double rate, boolean train) {
    try (OpenTensors open = new OpenTensors()) {
      Session.Runner runner = session.runner();
      queryTower.feed(runner, batch.queries(), open);
      candidateTower.feed(runner, batch.candidates(), open);
      List<Operand<TFloat32>> fetched = new ArrayList<>();
      if (retrievalLoss != null) {
        float[] logProbabilities =
            batch.logSamplingProbabilities() != null ? batch.logSamplingProbabilities() : new float[batch.rows()];
        runner.feed(logSamplingProbabilities, open.add(TFloat32.vectorOf(logProbabilities)));
        if (catalogPositions != null) {
          if (batch.catalogPositions() == null) {
            throw new IllegalArgumentException("a model with a candidate bias needs each row's catalog position");
          }
          runner.feed(catalogPositions, open.add(TInt32.vectorOf(batch.catalogPositions())));
        }
        fetched.add(retrievalLoss);
      }
      if (squaredError != null) {
        if (batch.labels() == null) {
          throw new IllegalArgumentException("a ranking model needs each row's label");
        }
        runner.feed(labels, open.add(TFloat32.vectorOf(batch.labels())));
        fetched.add(squaredError);
        fetched.add(absoluteError);
      }
      fetched.forEach(runner::fetch);
      if (train) {
        runner.feed(learningRate, open.add(TFloat32.scalarOf((float) rate)));
        runner.addTarget(trainStep);
      }
      try (Result result = runner.run()) {
        int i = 0;
        double retrieval = retrievalLoss != null ? ((TFloat32) result.get(i++)).getFloat() : 0;
        double squared = squaredError != null ? ((TFloat32) result.get(i++)).getFloat() : 0;
        double absolute = squaredError != null ? ((TFloat32) result.get(i)).getFloat() : 0;
        return new BatchLosses(retrieval, squared, absolute);
      }
    }
  }

  /** The ranking head's predicted label for each row of {@code queries} and {@code candidates}. */
  public float[] predictions(TowerInput queries, TowerInput candidates) {
    if (predictions == null) {
      throw new IllegalStateException("a " + architecture.modelType() + " model has no ranking head");
    }
    try (OpenTensors open = new OpenTensors()) {
      Session.Runner runner = session.runner();
      queryTower.feed(runner, queries, open);
      candidateTower.feed(runner, candidates, open);
      return fetchFloats(runner, predictions, queries.rows());
    }
  }

  /** Candidate embeddings, row-major [rows × embeddingDim]. */
  public float[] candidateEmbeddings(TowerInput candidates) {
    try (OpenTensors open = new OpenTensors()) {
      Session.Runner runner = session.runner();
      candidateTower.feed(runner, candidates, open);
      return fetchFloats(runner, candidateTower.output(), candidates.rows() * architecture.embeddingDim());
    }
  }

  /** Query embeddings, row-major [rows × embeddingDim]. */
  public float[] queryEmbeddings(TowerInput queries) {
    try (OpenTensors open = new OpenTensors()) {
      Session.Runner runner = session.runner();
      queryTower.feed(runner, queries, open);
      return fetchFloats(runner, queryTower.output(), queries.rows() * architecture.embeddingDim());
    }
  }

  /** The learned bias of each catalog candidate, or null when the model has none. */
  public float[] candidateBiases() {
    if (!architecture.candidateBias()) {
      return null;
    }
    return read(List.of(modelVariables.stream().filter(v -> v.name().equals(TwoTowerArchitecture.CANDIDATE_BIAS)).findFirst().orElseThrow()))
        .get(0)
        .values();
  }

  /**
   * Retrieval scores of each query against every candidate, row-major [queries × candidates]: the
   * dot product, plus the candidate's bias when the model has one.
   *
   * @param candidateBiases one per candidate, or null without a candidate bias
   */
  public float[] scores(TowerInput queries, float[] candidateEmbeddings, float[] candidateBiases) {
    int dim = architecture.embeddingDim();
    int candidates = candidateEmbeddings.length / dim;
    try (OpenTensors open = new OpenTensors()) {
      Session.Runner runner = session.runner();
      queryTower.feed(runner, queries, open);
      runner.feed(
          candidateEmbeddingsInput,
          open.add(TFloat32.tensorOf(Shape.of(candidates, dim), DataBuffers.of(candidateEmbeddings, true, false))));
      if (architecture.candidateBias()) {
        runner.feed(candidateBiasInput, open.add(TFloat32.vectorOf(candidateBiases)));
      }
      return fetchFloats(runner, scores, queries.rows() * candidates);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }

  private Op minimize(Ops tf, Optimizer optimizer, List<Output<?>> ys, List<Output<?>> dys, Double clipNorm) {
    Output<?>[] targets = new Output<?>[modelVariables.size()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = variables.get(modelVariables.get(i).name()).asOutput();
    }
    Output<?>[] gradients =
        graph.addGradients("gradients", ys.toArray(new Output<?>[0]), targets, dys.toArray(new Output<?>[0]));
    List<Operand<TFloat32>> typed = new ArrayList<>(gradients.length);
    for (Output<?> gradient : gradients) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> floatGradient = (Operand<TFloat32>) gradient;
      typed.add(tf.identity(floatGradient));
    }
    if (clipNorm != null) {
      typed = GradientClipping.byGlobalNorm(tf.withSubScope("clipping"), typed, clipNorm);
    }
    // Reference variables are read in place, not snapshotted: an update that ran while another
    // gradient op still had to read that variable would make steps depend on scheduling. So no
    // update starts before every gradient is computed.
    List<Op> computed = typed.stream().map(gradient -> (Op) gradient).toList();
    Ops afterGradients = tf.withSubScope(optimizer.name()).withControlDependencies(computed);
    return optimizer.minimize(afterGradients, modelVariables, variables, typed, learningRate);
  }

  private static float[] fetchFloats(Session.Runner runner, Operand<TFloat32> output, int size) {
    float[] data = new float[size];
    try (Result result = runner.fetch(output).run()) {
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(data, false, false));
    }
    return data;
  }
}
