package dev.trainflow.worker.export;

import java.util.List;
import java.util.Map;

/**
 * The content of {@code model_meta.json}, beside the exported models: where the model came from
 * (run, config hash, dataset checksum), how good it is (validation metrics at export, test
 * metrics and the baseline once the Evaluate stage adds them), the SavedModel's checksum and its
 * serving signatures.
 *
 * @param modelSha256 SHA-256 over the saved_model folder: each file's relative path and bytes, in
 *     path order
 * @param metrics by split: {@code validation} (the model epoch's), later {@code test} and {@code
 *     baseline}
 */
public record ModelMeta(
    String format,
    long runId,
    String runName,
    String modelType,
    String configSha256,
    String datasetChecksum,
    int modelEpoch,
    Map<String, Map<String, Double>> metrics,
    String modelSha256,
    int topK,
    List<SignatureDescription> signatures,
    Boolean blessed) {

  public static final String FORMAT = "trainflow-model-meta/1";
  public static final String FILE_NAME = "model_meta.json";

  /** One serving signature: its key and its inputs and outputs with dtype and shape (-1: any). */
  public record SignatureDescription(String key, List<TensorDescription> inputs, List<TensorDescription> outputs) {}

  public record TensorDescription(String name, String dtype, List<Integer> shape) {}

  /** The same meta with the Evaluate stage's test and baseline metrics and the blessing. */
  public ModelMeta withEvaluation(Map<String, Map<String, Double>> allMetrics, boolean isBlessed) {
    return new ModelMeta(
        format, runId, runName, modelType, configSha256, datasetChecksum, modelEpoch, allMetrics, modelSha256, topK,
        signatures, isBlessed);
  }
}
