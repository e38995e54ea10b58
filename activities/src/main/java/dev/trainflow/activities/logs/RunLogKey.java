package dev.trainflow.activities.logs;

/**
 * Whose log a line belongs to: a run, one of its stages and that stage's attempt. Each key is one
 * file in the artifact store, {@code runs/<run>/logs/<stage>-attempt-<n>.jsonl}, written by the one
 * process that runs that attempt.
 */
public record RunLogKey(long runId, String stage, int attempt) {
  public static final String FOLDER = "logs";

  public String path() {
    return "runs/" + runId + "/" + FOLDER + "/" + stage + "-attempt-" + attempt + ".jsonl";
  }
}
