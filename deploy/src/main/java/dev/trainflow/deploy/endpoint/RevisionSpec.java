package dev.trainflow.deploy.endpoint;

/**
 * One model version to serve.
 *
 * @param revisionId stable per run ({@code run-17}): deploying it twice is the same revision
 * @param modelName the name the model server answers to ({@code /v1/models/{modelName}})
 * @param modelUri the run's exported model folder (holds {@code saved_model/} and {@code
 *     model_meta.json}, or a tabular run's {@code tabular_model.json} and model file): {@code
 *     file:/...} or {@code gs://...}
 */
public record RevisionSpec(String revisionId, long runId, String modelName, int modelVersion, String modelUri) {

  public static String idFor(long runId) {
    return "run-" + runId;
  }
}
