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

/**
 * A two-tower retrieval model as a TensorFlow graph and its session: both towers, the in-batch
 * softmax loss, and for training the gradients and one optimizer step. Every variable is written
 * through a placeholder-fed assign, so initial weights, checkpoints and trained models all load
 * the same way and the Java side decides every initial value.
 */
public final class TwoTowerModel implements AutoCloseable {
  /** Two intra-op threads and one inter-op thread measured fastest on two cores. */
  private static final ConfigProto SESSION_CONFIG =
      ConfigProto.newBuilder().setIntraOpParallelismThreads(2).setInterOpParallelismThreads(1).build();

  private final RetrievalArchitecture architecture;
  private final Optimizer optimizer;
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
  private final Operand<TFloat32> loss;
  private final Op trainStep;
  private final Placeholder<TFloat32> candidateEmbeddingsInput;
  private final Operand<TFloat32> scores;

  private TwoTowerModel(RetrievalArchitecture architecture, Optimizer optimizer) {
    this.architecture = architecture;
    this.optimizer = optimizer;
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
      Ops lossScope = tf.withSubScope("loss");
      this.logSamplingProbabilities = lossScope.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      this.loss = RetrievalLoss.build(lossScope, queryTower.output(), candidateTower.output(), logSamplingProbabilities);
      this.trainStep = optimizer == null ? null : minimize(tf);
      Ops scoring = tf.withSubScope("scores");
      this.candidateEmbeddingsInput =
          scoring.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, architecture.embeddingDim())));
      this.scores = scoring.linalg.matMul(queryTower.output(), candidateEmbeddingsInput, MatMul.transposeB(true));
      this.session = new Session(graph, SESSION_CONFIG);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** A model that trains with {@code optimizer}; load initial weights or a checkpoint before use. */
  public static TwoTowerModel forTraining(RetrievalArchitecture architecture, Optimizer optimizer) {
    return new TwoTowerModel(architecture, optimizer);
  }

  /** Towers, loss and scoring only; load trained weights before use. */
  public static TwoTowerModel forInference(RetrievalArchitecture architecture) {
    return new TwoTowerModel(architecture, null);
  }

  public RetrievalArchitecture architecture() {
    return architecture;
  }

  /** The weights of the towers, without optimizer state. */
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

  /**
   * One optimizer step on a batch; returns the batch's summed loss before the step.
   *
   * @param logSamplingProbabilities log p(c) of each row's candidate (see {@link RetrievalLoss})
   */
  public double trainStep(TowerInput queries, TowerInput candidates, float[] logSamplingProbabilities) {
    if (trainStep == null) {
      throw new IllegalStateException("an inference model cannot train");
    }
    return run(queries, candidates, logSamplingProbabilities, true);
  }

  /** The summed in-batch loss of a batch, without training. */
  public double loss(TowerInput queries, TowerInput candidates, float[] logSamplingProbabilities) {
    return run(queries, candidates, logSamplingProbabilities, false);
  }

  private double run(TowerInput queries, TowerInput candidates, float[] logProbabilities, boolean train) {
    if (logProbabilities.length != candidates.rows()) {
      throw new IllegalArgumentException(
          logProbabilities.length + " sampling probabilities for a batch of " + candidates.rows());
    }
    try (OpenTensors open = new OpenTensors()) {
      Session.Runner runner = session.runner();
      queryTower.feed(runner, queries, open);
      candidateTower.feed(runner, candidates, open);
      runner.feed(logSamplingProbabilities, open.add(TFloat32.vectorOf(logProbabilities)));
      runner.fetch(loss);
      if (train) {
        runner.addTarget(trainStep);
      }
      try (Result result = runner.run()) {
        return ((TFloat32) result.get(0)).getFloat();
      }
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

  /** Scores of each query against every candidate embedding, row-major [queries × candidates]. */
  public float[] scores(TowerInput queries, float[] candidateEmbeddings) {
    int dim = architecture.embeddingDim();
    int candidates = candidateEmbeddings.length / dim;
    try (OpenTensors open = new OpenTensors()) {
      Session.Runner runner = session.runner();
      queryTower.feed(runner, queries, open);
      runner.feed(
          candidateEmbeddingsInput,
          open.add(TFloat32.tensorOf(Shape.of(candidates, dim), DataBuffers.of(candidateEmbeddings, true, false))));
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

  private Op minimize(Ops tf) {
    Output<?>[] targets = new Output<?>[modelVariables.size()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = variables.get(modelVariables.get(i).name()).asOutput();
    }
    Output<?>[] gradients = graph.addGradients(loss.asOutput(), targets);
    List<Operand<TFloat32>> typed = new ArrayList<>(gradients.length);
    for (Output<?> gradient : gradients) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> floatGradient = (Operand<TFloat32>) gradient;
      typed.add(tf.identity(floatGradient));
    }
    // Reference variables are read in place, not snapshotted: an update that ran while another
    // gradient op still had to read that variable would make steps depend on scheduling. So no
    // update starts before every gradient is computed.
    List<Op> computed = typed.stream().map(gradient -> (Op) gradient).toList();
    Ops afterGradients = tf.withSubScope(optimizer.name()).withControlDependencies(computed);
    return optimizer.minimize(afterGradients, modelVariables, variables, typed);
  }

  private static float[] fetchFloats(Session.Runner runner, Operand<TFloat32> output, int size) {
    float[] data = new float[size];
    try (Result result = runner.fetch(output).run()) {
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(data, false, false));
    }
    return data;
  }
}
