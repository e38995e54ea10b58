package dev.trainflow.api.quality;

import java.util.List;
import java.util.Map;

/** {@code POST /api/datasets/{id}/drift}: at most one reference, and the comparison's settings. */
record DriftRequest(
    Long referenceRunId,
    Integer referenceVersion,
    Long referenceDatasetId,
    List<String> features,
    Map<String, Double> thresholds,
    Double defaultThreshold,
    Integer bins) {

  static DriftRequest empty() {
    return new DriftRequest(null, null, null, null, null, null, null);
  }
}
