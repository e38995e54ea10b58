package dev.trainflow.workflows.tuning;

import dev.trainflow.workflows.run.RunTemplate;

/**
 * What a tuning workflow starts from: the job, the base run template every trial overrides, and
 * the search. Workflow id: {@code tuning-job-<id>} (the run workflow forwards its intermediate
 * results to parents with that prefix).
 */
public record TuningJobInput(long jobId, String jobName, RunTemplate baseTemplate, TuningSpec spec) {
  public static final String WORKFLOW_ID_PREFIX = "tuning-job-";

  public static String workflowId(long jobId) {
    return WORKFLOW_ID_PREFIX + jobId;
  }
}
