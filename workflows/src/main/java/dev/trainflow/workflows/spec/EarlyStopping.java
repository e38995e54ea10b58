package dev.trainflow.workflows.spec;

/**
 * {@code training_params.early_stopping}: stop when the validation loss has not improved by more
 * than {@code min_delta} for {@code patience} epochs, as Keras's EarlyStopping does; with {@code
 * restore_best_weights} the model keeps the weights of its best epoch. Present means on.
 */
public record EarlyStopping(Integer patience, Double minDelta, Boolean restoreBestWeights) {

  public static final int DEFAULT_PATIENCE = 3;
  public static final double DEFAULT_MIN_DELTA = 0.0;

  public EarlyStopping withDefaults() {
    return new EarlyStopping(
        patience != null ? patience : DEFAULT_PATIENCE,
        minDelta != null ? minDelta : DEFAULT_MIN_DELTA,
        restoreBestWeights != null ? restoreBestWeights : true);
  }
}
