package dev.trainflow.activities.quality;

import java.util.List;

/**
 * Every configured check over one table, written as the run's {@code validation/data_validation.json}
 * artifact whether or not the checks passed.
 *
 * @param runId the training run whose data was checked; null for a pipeline's validate_data task
 */
public record DataValidationReport(Long runId, String datasetChecksum, long rows, boolean passed, List<DataCheckResult> checks) {

  public List<DataCheckResult> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** The run's failure message: each failed check with its column, as {@code check 'column': message}. */
  public String failureMessage() {
    StringBuilder sb = new StringBuilder("data validation failed: ");
    List<DataCheckResult> failed = failures();
    for (int i = 0; i < failed.size(); i++) {
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(failed.get(i).message());
    }
    return sb.toString();
  }

  /** Where a run's report lives in the artifact store. */
  public static String path(long runId) {
    return "runs/" + runId + "/validation/data_validation.json";
  }
}
