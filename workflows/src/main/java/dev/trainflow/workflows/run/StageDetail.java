package dev.trainflow.workflows.run;

/**
 * One stage of a run as {@code stage_details} shows it. Times are epoch milliseconds from the
 * workflow clock; {@code message} is a one-line summary (row counts, metrics, the error).
 */
public record StageDetail(
    Stage stage,
    StageStatus status,
    Long startedAtMillis,
    Long finishedAtMillis,
    int attempt,
    String message) {

  public static StageDetail pending(Stage stage) {
    return new StageDetail(stage, StageStatus.PENDING, null, null, 0, null);
  }

  public StageDetail started(long nowMillis) {
    return new StageDetail(stage, StageStatus.RUNNING, nowMillis, null, attempt + 1, null);
  }

  public StageDetail finished(StageStatus status, long nowMillis, String message) {
    return new StageDetail(stage, status, startedAtMillis, nowMillis, attempt, message);
  }

  public Double durationSeconds() {
    return startedAtMillis == null || finishedAtMillis == null
        ? null
        : (finishedAtMillis - startedAtMillis) / 1000.0;
  }
}
