package dev.trainflow.workflows;

/** Every task queue name in one place: workers and stubs never spell them out. */
public final class TaskQueues {
  /** Workflows and the short database projections they call. */
  public static final String ORCHESTRATION = "orchestration";
  /** Compile, data stages, evaluation, registry and deploy activities. */
  public static final String DATA = "data";
  /** Training, on machines with TensorFlow (and GPUs in production). */
  public static final String GPU = "gpu";
  /** Tabular training (XGBoost, random forests): CPU only. */
  public static final String CPU = "cpu";

  private TaskQueues() {}
}
