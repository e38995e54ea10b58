package dev.trainflow.workflows.spec;

import java.util.List;

/**
 * What a run is for. A {@code training} run trains the model that gets registered; an {@code
 * experiment} is a quick test on sampled data for a few epochs on the CPU, ranked by
 * {@code /api/experiments/top-for-training} so the best one can seed a training run.
 */
public final class RunKind {
  public static final String TRAINING = "training";
  public static final String EXPERIMENT = "experiment";
  public static final List<String> KINDS = List.of(TRAINING, EXPERIMENT);
  public static final int EXPERIMENT_DEFAULT_EPOCHS = 3;
  public static final int EXPERIMENT_MAX_EPOCHS = 20;
  public static final double EXPERIMENT_DEFAULT_SAMPLE_PERCENT = 20.0;

  private RunKind() {}

  /** An experiment's params: few epochs and sampled data unless the request says otherwise. */
  public static TrainingParams experimentParams(TrainingParams requested) {
    TrainingParams params = requested != null ? requested : TrainingParams.empty();
    return params.withEpochsAndSample(
        params.epochs() != null ? params.epochs() : EXPERIMENT_DEFAULT_EPOCHS,
        params.dataSamplePercent() != null ? params.dataSamplePercent() : EXPERIMENT_DEFAULT_SAMPLE_PERCENT);
  }
}
