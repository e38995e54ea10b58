package dev.trainflow.workflows.spec;

import java.util.List;

/**
 * {@code training_params.lr_schedule}: how the learning rate moves during training.
 *
 * <ul>
 *   <li>{@code constant}: the run's learning rate throughout;
 *   <li>{@code reduce_on_plateau}: multiplied by {@code factor} after {@code patience} epochs
 *       without a validation-loss improvement, never below {@code min_lr} (Keras's
 *       ReduceLROnPlateau without cooldown);
 *   <li>{@code cosine}: from the learning rate down to {@code min_lr} along half a cosine over all
 *       epochs, updated every step;
 *   <li>{@code warmup_cosine}: linear from 0 to the learning rate over {@code warmup_epochs}, then
 *       cosine down to {@code min_lr} over the remaining epochs.
 * </ul>
 */
public record LearningRateSchedule(
    String type, Double factor, Integer patience, Double minLr, Double warmupEpochs) {

  public static final String CONSTANT = "constant";
  public static final String REDUCE_ON_PLATEAU = "reduce_on_plateau";
  public static final String COSINE = "cosine";
  public static final String WARMUP_COSINE = "warmup_cosine";
  public static final List<String> TYPES = List.of(CONSTANT, REDUCE_ON_PLATEAU, COSINE, WARMUP_COSINE);
  public static final double DEFAULT_FACTOR = 0.5;
  public static final int DEFAULT_PATIENCE = 2;
  public static final double DEFAULT_MIN_LR = 0.0;
  public static final double DEFAULT_WARMUP_EPOCHS = 1.0;

  public static LearningRateSchedule constant() {
    return new LearningRateSchedule(CONSTANT, null, null, null, null);
  }

  /** The defaults of the fields this type reads; the fields it ignores stay as given. */
  public LearningRateSchedule withDefaults() {
    String t = type != null ? type : CONSTANT;
    boolean plateau = REDUCE_ON_PLATEAU.equals(t);
    boolean decays = plateau || COSINE.equals(t) || WARMUP_COSINE.equals(t);
    return new LearningRateSchedule(
        t,
        plateau && factor == null ? Double.valueOf(DEFAULT_FACTOR) : factor,
        plateau && patience == null ? Integer.valueOf(DEFAULT_PATIENCE) : patience,
        decays && minLr == null ? Double.valueOf(DEFAULT_MIN_LR) : minLr,
        WARMUP_COSINE.equals(t) && warmupEpochs == null ? Double.valueOf(DEFAULT_WARMUP_EPOCHS) : warmupEpochs);
  }
}
