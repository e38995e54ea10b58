package dev.trainflow.activities.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.audit.ReproductionResult.MetricComparison;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Compares a reproduction's {@code run_finished} record with its original's. */
final class ReproductionComparison {
  private ReproductionComparison() {}

  /**
   * @param original the original's {@code run_finished} details; null when it never finished
   * @param reproduction the reproduction's {@code run_finished} details
   */
  static ReproductionResult compare(Reproduction r, String status, JsonNode original, JsonNode reproduction) {
    if (original == null) {
      return verdict(r, status, null, null, Map.of(), "the original run " + r.originalRunId() + " has no run_finished audit record");
    }
    Boolean configMatches = same(original, reproduction, "reproducible_config_sha256");
    Boolean datasetMatches = same(original.path("dataset"), reproduction.path("dataset"), "checksum");
    JsonNode originalMetrics = original.path("final_metrics").path("metrics");
    JsonNode reproducedMetrics = reproduction.path("final_metrics").path("metrics");
    Map<String, MetricComparison> metrics = new LinkedHashMap<>();
    boolean allWithin = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = originalMetrics.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> metric = it.next();
      if (!metric.getValue().isNumber()) {
        continue;
      }
      double a = metric.getValue().asDouble();
      JsonNode other = reproducedMetrics.path(metric.getKey());
      Double b = other.isNumber() ? other.asDouble() : null;
      Double difference = b == null ? null : Math.abs(a - b);
      boolean within = difference != null && difference <= r.tolerance();
      allWithin &= within;
      metrics.put(metric.getKey(), new MetricComparison(a, b, difference, within));
    }
    String reason = null;
    if (!"completed".equals(status) && !"not_blessed".equals(status)) {
      reason = "the reproduction ended " + status + ", without model metrics";
    } else if (metrics.isEmpty()) {
      reason = "the original run recorded no model metrics to compare";
    } else if (!allWithin) {
      reason = "metrics differ by more than " + r.tolerance() + ": " + outside(metrics);
    } else if (Boolean.FALSE.equals(configMatches)) {
      reason = "the reproduction's config differs from the original's (reproducible_config_sha256)";
    } else if (Boolean.FALSE.equals(datasetMatches)) {
      reason = "the dataset's content changed since the original run (checksum differs)";
    }
    return verdict(r, status, configMatches, datasetMatches, metrics, reason);
  }

  private static ReproductionResult verdict(
      Reproduction r, String status, Boolean configMatches, Boolean datasetMatches, Map<String, MetricComparison> metrics, String reason) {
    return new ReproductionResult(
        r.originalRunId(), r.runId(), r.tolerance(), status, reason == null, configMatches, datasetMatches, metrics, reason);
  }

  private static Boolean same(JsonNode a, JsonNode b, String field) {
    if (!a.path(field).isTextual() || !b.path(field).isTextual()) {
      return null;
    }
    return a.get(field).asText().equals(b.get(field).asText());
  }

  private static String outside(Map<String, MetricComparison> metrics) {
    StringBuilder sb = new StringBuilder();
    metrics.forEach(
        (name, m) -> {
          if (!m.withinTolerance()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name).append(" ")
                .append(m.original()).append(" vs ").append(m.reproduction());
          }
        });
    return sb.toString();
  }
}
