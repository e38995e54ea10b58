package dev.trainflow.api.pipelines;

import java.util.List;
import java.util.Map;

/** A check_drift task's settings, as {@code POST /api/datasets/{id}/drift} takes them (reference: another dataset only). */
record DriftGateRequest(
    Long referenceDatasetId, List<String> features, Map<String, Double> thresholds, Double defaultThreshold, Integer bins) {}
