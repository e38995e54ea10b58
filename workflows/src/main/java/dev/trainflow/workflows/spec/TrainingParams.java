package dev.trainflow.workflows.spec;

/**
 * The {@code training_params} of a run. Every field is optional in a request; {@link
 * #withDefaults(ModelConfig)} fills the documented defaults (docs/api.md, "Defaults").
 */
public record TrainingParams(
    Integer epochs,
    Integer batchSize,
    Double learningRate,
    String optimizer,
    Double dataSamplePercent,
    String splitStrategy,
    Double validationSplit,
    Double testSplit,
    Long seed,
    Integer checkpointEveryEpochs,
    RetryPolicy retryPolicy,
    Integer maxRuntimeMinutes,
    Integer heartbeatTimeoutSeconds,
    Double maxCostUsd) {

  public static final int DEFAULT_EPOCHS = 10;
  public static final int DEFAULT_BATCH_SIZE = 4096;
  public static final double DEFAULT_LEARNING_RATE = 0.1;
  public static final String DEFAULT_OPTIMIZER = "adagrad";
  public static final double DEFAULT_VALIDATION_SPLIT = 0.1;
  public static final double DEFAULT_TEST_SPLIT = 0.1;
  public static final long DEFAULT_SEED = 42L;
  public static final int DEFAULT_CHECKPOINT_EVERY_EPOCHS = 10;
  /** The seed's per-model timeout. */
  public static final int DEFAULT_MAX_RUNTIME_MINUTES = 240;
  public static final int DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 60;

  public static TrainingParams empty() {
    return new TrainingParams(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Run values win over the model config, which wins over the defaults. */
  public TrainingParams withDefaults(ModelConfig model) {
    return new TrainingParams(
        epochs != null ? epochs : DEFAULT_EPOCHS,
        batchSize != null ? batchSize : DEFAULT_BATCH_SIZE,
        learningRate != null
            ? learningRate
            : model != null && model.learningRate() != null
                ? model.learningRate()
                : DEFAULT_LEARNING_RATE,
        optimizer != null
            ? optimizer
            : model != null && model.optimizer() != null ? model.optimizer() : DEFAULT_OPTIMIZER,
        dataSamplePercent != null ? dataSamplePercent : 100.0,
        splitStrategy != null ? splitStrategy : "random",
        validationSplit != null ? validationSplit : DEFAULT_VALIDATION_SPLIT,
        testSplit != null ? testSplit : DEFAULT_TEST_SPLIT,
        seed != null ? seed : DEFAULT_SEED,
        checkpointEveryEpochs != null ? checkpointEveryEpochs : DEFAULT_CHECKPOINT_EVERY_EPOCHS,
        (retryPolicy != null ? retryPolicy : new RetryPolicy(null, null, null, null, null, null)).withDefaults(),
        maxRuntimeMinutes != null ? maxRuntimeMinutes : DEFAULT_MAX_RUNTIME_MINUTES,
        heartbeatTimeoutSeconds != null ? heartbeatTimeoutSeconds : DEFAULT_HEARTBEAT_TIMEOUT_SECONDS,
        maxCostUsd);
  }
}
