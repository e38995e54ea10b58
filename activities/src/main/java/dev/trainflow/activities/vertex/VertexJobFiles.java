package dev.trainflow.activities.vertex;

import dev.trainflow.workflows.activities.TrainingRequest;

/**
 * What the Vertex AI backend and the trainer inside the job exchange through the artifact store,
 * under the run's folder: the request the job trains, the result it writes when it succeeds, its
 * latest heartbeat (so the activity can heartbeat the checkpoint a retry resumes from), the metrics
 * of the epochs it finished (relayed to the run workflow) and, when
 * the trainer stops itself (preempted, out of memory, out of time or budget), why.
 */
public record VertexJobFiles(String request, String result, String progress, String failure, String epochs) {
  /** The run's record of the job it last created: {@link VertexJobRecord}. */
  public static String jobRecord(TrainingRequest request) {
    return request.run().artifactPrefix() + "/vertex/job.json";
  }

  public static VertexJobFiles of(TrainingRequest request) {
    String folder = request.run().artifactPrefix() + "/vertex/attempt-" + attempt(request);
    return new VertexJobFiles(
        folder + "/request.json", folder + "/result.json", folder + "/progress.json", folder + "/failure.json",
        folder + "/epochs.json");
  }

  static int attempt(TrainingRequest request) {
    return request.attempt() == null ? 1 : request.attempt();
  }
}
