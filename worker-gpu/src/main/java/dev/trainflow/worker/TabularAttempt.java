package dev.trainflow.worker;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.workflows.activities.FoldReport;
import dev.trainflow.workflows.activities.TabularTrainingRequest;
import dev.trainflow.worker.tabular.TabularTrainer;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One attempt of a tabular training activity: what it has done ({@link TabularAttemptProgress},
 * sent as heartbeat details and read back by the next attempt), the final fit's checkpoints, the
 * folds it tells its run about, and whether the run wants it to stop.
 */
final class TabularAttempt {
  static final String STOPPED = "training_stopped";
  /** The run is asked at most once a second whether to stop: a query is a round trip to it. */
  private static final long STOP_CHECK_INTERVAL_NANOS = 1_000_000_000L;

  private final ActivityExecutionContext context;
  private final ArtifactStore store;
  private final FoldReporter run;
  private final TabularTrainer trainer;
  private final String workflowId;
  private final int folds;
  private final String checkpointPath;
  private final int checkpointEvery;
  private TabularAttemptProgress progress;
  private boolean finalFit;
  private long nextStopCheck;

  TabularAttempt(
      ActivityExecutionContext context, ArtifactStore store, FoldReporter run, TabularTrainer trainer,
      TabularTrainingRequest request) {
    this.context = context;
    this.store = store;
    this.run = run;
    this.trainer = trainer;
    this.workflowId = context.getInfo().getWorkflowId();
    this.folds = request.cvFolds();
    this.checkpointPath = request.artifactPrefix() + "/checkpoints/final-fit.ubj";
    this.checkpointEvery = Math.max(10, request.trees() / 10);
    // a retried attempt picks up what the last one said it had done
    this.progress = context.getHeartbeatDetails(TabularAttemptProgress.class).orElse(TabularAttemptProgress.start());
  }

  /** The folds an earlier attempt measured: cross-validation skips them. */
  List<Map<String, Double>> foldsDone() {
    return progress.folds();
  }

  void startCrossValidation() {
    progress = progress.phase("cv fold " + (progress.folds().size() + 1) + " of " + folds);
  }

  /** Heartbeats every round, checkpoints the final fit every tenth of its rounds, stops when asked. */
  void afterRound(int done, int total, Supplier<byte[]> checkpoint) {
    if (finalFit && trainer.resumes() && done % checkpointEvery == 0 && done < total) {
      progress = progress.checkpoint(store.write(checkpointPath, checkpoint.get()), done);
    }
    context.heartbeat(progress.phase(progress.phase() + ": round " + done + " of " + total));
    stopIfCancelled();
  }

  /** A finished fold (0-based): remembered, heartbeaten, told to the run; the run is asked at once. */
  void afterFold(int fold, Map<String, Double> metrics) {
    progress = progress.fold(metrics).phase("cv fold " + (fold + 2) + " of " + folds);
    context.heartbeat(progress);
    run.report(workflowId, new FoldReport(fold + 1, folds, metrics));
    nextStopCheck = 0;
    stopIfCancelled();
  }

  /** @return the checkpoint an earlier attempt left of the final fit, or null to start it afresh */
  byte[] startFinalFit() {
    byte[] resumeFrom =
        trainer.resumes() && progress.checkpointUri() != null && store.exists(progress.checkpointUri())
            ? store.read(progress.checkpointUri())
            : null;
    phase(resumeFrom == null ? "final fit" : "final fit from round " + progress.checkpointRounds());
    finalFit = true;
    return resumeFrom;
  }

  void phase(String now) {
    progress = progress.phase(now);
    context.heartbeat(progress);
  }

  private void stopIfCancelled() {
    long now = System.nanoTime();
    if (now < nextStopCheck) {
      return;
    }
    nextStopCheck = now + STOP_CHECK_INTERVAL_NANOS;
    if (run.stopRequested(workflowId)) {
      // benign: the SDK logs it quietly, as the expected end of a cancelled trial it is
      throw ApplicationFailure.newBuilder()
          .setMessage("training stopped: its run was cancelled")
          .setType(STOPPED)
          .setNonRetryable(true)
          .setCategory(ApplicationErrorCategory.BENIGN)
          .build();
    }
  }
}
