package dev.trainflow.api.runs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code trainflow.reproduction.*}.
 *
 * @param tolerance the default largest absolute difference per model metric (recall@K, loss)
 *     between a reproduction and its original. Training is deterministic for a seed on one kind of
 *     machine (a resumed run matches an uninterrupted one to 1e-6); across CPU models or GPU
 *     kernels, float reductions differ slightly, hence 0.01 by default.
 */
@ConfigurationProperties("trainflow.reproduction")
public record ReproductionSettings(Double tolerance) {
  public ReproductionSettings {
    tolerance = tolerance == null ? 0.01 : tolerance;
  }
}
