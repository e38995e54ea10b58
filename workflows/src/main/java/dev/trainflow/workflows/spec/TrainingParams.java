package dev.trainflow.workflows.spec;

/**
 * The {@code training_params} of a run. Every field is optional in a request; {@link
 * #withDefaults(ModelConfig)} fills the documented defaults (docs/api.md, "Defaults").
 *
 * @param retryPolicy how the workflow retries failed training attempts
 * @param maxRuntimeMinutes from the first training attempt: then the trainer checkpoints and stops
 * @param heartbeatTimeoutSeconds a training worker silent this long is lost
 * @param maxCostUsd the run stops (after a checkpoint) when it has cost this much; null: no limit
 * @param earlyStopping null: train every epoch
 * @param gradientClipNorm null: no clipping; else gradients are scaled so their global L2 norm is
 *     at most this
 * @param warmStartFrom a previous run's id or a model folder URI whose weights start this run
 * @param numTrees tabular models: boosting rounds (XGBoost) or trees (random forest)
 * @param maxDepth tabular models: the deepest a tree may grow
 * @param minChildWeight XGBoost: the least hessian sum a child may hold
 * @param subsample tabular models: the share of rows each tree sees
 * @param cvFolds tabular models: k of stratified k-fold cross-validation; 0 or null for none
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
    Double maxCostUsd,
    EarlyStopping earlyStopping,
    LearningRateSchedule lrSchedule,
    Double gradientClipNorm,
    String warmStartFrom,
    Integer numTrees,
    Integer maxDepth,
    Double minChildWeight,
    Double subsample,
    Integer cvFolds) {

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

  /** The fields of the first release, so callers that predate the newer ones keep compiling. */
  public TrainingParams(
      Integer epochs,
      Integer batchSize,
      Double learningRate,
      String optimizer,
      Double dataSamplePercent,
      String splitStrategy,
      Double validationSplit,
      Double testSplit,
      Long seed,
      Integer checkpointEveryEpochs) {
    this(epochs, batchSize, learningRate, optimizer, dataSamplePercent, splitStrategy, validationSplit, testSplit,
        seed, checkpointEveryEpochs, null, null, null, null, null, null, null, null);
  }

  /** The fields before the tabular ones, so callers that predate them keep compiling. */
  public TrainingParams(
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
      Double maxCostUsd,
      EarlyStopping earlyStopping,
      LearningRateSchedule lrSchedule,
      Double gradientClipNorm,
      String warmStartFrom) {
    this(epochs, batchSize, learningRate, optimizer, dataSamplePercent, splitStrategy, validationSplit, testSplit,
        seed, checkpointEveryEpochs, retryPolicy, maxRuntimeMinutes, heartbeatTimeoutSeconds, maxCostUsd,
        earlyStopping, lrSchedule, gradientClipNorm, warmStartFrom, null, null, null, null, null);
  }

  public static TrainingParams empty() {
    return new TrainingParams(null, null, null, null, null, null, null, null, null, null);
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
        maxCostUsd,
        earlyStopping != null ? earlyStopping.withDefaults() : null,
        (lrSchedule != null ? lrSchedule : LearningRateSchedule.constant()).withDefaults(),
        gradientClipNorm,
        warmStartFrom,
        numTrees,
        maxDepth,
        minChildWeight,
        subsample,
        cvFolds);
  }

  /** These params with every field that {@code overrides} sets replaced by its value. */
  public TrainingParams overriddenBy(TrainingParams overrides) {
    if (overrides == null) {
      return this;
    }
    return new TrainingParams(
        pick(overrides.epochs, epochs),
        pick(overrides.batchSize, batchSize),
        pick(overrides.learningRate, learningRate),
        pick(overrides.optimizer, optimizer),
        pick(overrides.dataSamplePercent, dataSamplePercent),
        pick(overrides.splitStrategy, splitStrategy),
        pick(overrides.validationSplit, validationSplit),
        pick(overrides.testSplit, testSplit),
        pick(overrides.seed, seed),
        pick(overrides.checkpointEveryEpochs, checkpointEveryEpochs),
        pick(overrides.retryPolicy, retryPolicy),
        pick(overrides.maxRuntimeMinutes, maxRuntimeMinutes),
        pick(overrides.heartbeatTimeoutSeconds, heartbeatTimeoutSeconds),
        pick(overrides.maxCostUsd, maxCostUsd),
        pick(overrides.earlyStopping, earlyStopping),
        pick(overrides.lrSchedule, lrSchedule),
        pick(overrides.gradientClipNorm, gradientClipNorm),
        pick(overrides.warmStartFrom, warmStartFrom),
        pick(overrides.numTrees, numTrees),
        pick(overrides.maxDepth, maxDepth),
        pick(overrides.minChildWeight, minChildWeight),
        pick(overrides.subsample, subsample),
        pick(overrides.cvFolds, cvFolds));
  }

  /** The same params with {@code epochs} and {@code dataSamplePercent} replaced (null unsets). */
  public TrainingParams withEpochsAndSample(Integer newEpochs, Double newSamplePercent) {
    return new TrainingParams(
        newEpochs, batchSize, learningRate, optimizer, newSamplePercent, splitStrategy, validationSplit, testSplit,
        seed, checkpointEveryEpochs, retryPolicy, maxRuntimeMinutes, heartbeatTimeoutSeconds, maxCostUsd,
        earlyStopping, lrSchedule, gradientClipNorm, warmStartFrom, numTrees, maxDepth, minChildWeight, subsample,
        cvFolds);
  }

  /** These params with the durability fields replaced: for tests and callers that set only those. */
  public TrainingParams withResilience(
      RetryPolicy newRetryPolicy, Integer newMaxRuntimeMinutes, Integer newHeartbeatTimeoutSeconds, Double newMaxCostUsd) {
    return new TrainingParams(
        epochs, batchSize, learningRate, optimizer, dataSamplePercent, splitStrategy, validationSplit, testSplit,
        seed, checkpointEveryEpochs, newRetryPolicy, newMaxRuntimeMinutes, newHeartbeatTimeoutSeconds, newMaxCostUsd,
        earlyStopping, lrSchedule, gradientClipNorm, warmStartFrom, numTrees, maxDepth, minChildWeight, subsample,
        cvFolds);
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }
}
