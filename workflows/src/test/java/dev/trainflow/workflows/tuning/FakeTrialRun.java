package dev.trainflow.workflows.tuning;

import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.TrainingStart;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.RunStatus;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import dev.trainflow.workflows.spec.TrainingParams;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the run workflow under its type, as a tabular run with cross-validation behaves
 * toward a tuning parent: {@link #FOLDS} folds of about a minute (skipped) each, longer for deeper
 * trees and smaller learning rates, so no two trials end at the same instant; every fold's
 * metrics signalled to a {@code tuning-job-} parent as a {@link TrialReport}, then the test
 * metrics. The metric is a known smooth function of the run's {@code learning_rate} and
 * {@code max_depth} ({@link #rocAuc}); workflow cancellation ends it Canceled. A run whose
 * learning rate is above {@link #FAILING_LEARNING_RATE} fails, as a diverging run would.
 */
public class FakeTrialRun implements TrainingRunWorkflow {
  static final int FOLDS = 3;
  static final double FAILING_LEARNING_RATE = 10.0;

  /** Each run's workflow start and end times (workflow time: the same on a replay). */
  record Span(long startMillis, long endMillis, RunStatus status) {}

  static final Map<Long, Span> SPANS = new ConcurrentHashMap<>();

  /** Best 0.95 at learning_rate 0.05 and max_depth 7, smooth in log(learning_rate) and depth. */
  static double rocAuc(double learningRate, int maxDepth) {
    double lr = Math.log10(learningRate) - Math.log10(0.05);
    return 0.95 - 0.08 * lr * lr - 0.004 * (maxDepth - 7) * (maxDepth - 7);
  }

  static Duration foldTime(double learningRate, int maxDepth) {
    return Duration.ofMillis(40_000 + 3_000L * maxDepth + Math.round(10_000 * -Math.log10(learningRate)));
  }

  @Override
  public RunProgress run(TrainingRunInput input) {
    long start = Workflow.currentTimeMillis();
    TrainingParams params = input.trainingParams();
    if (params.learningRate() > FAILING_LEARNING_RATE) {
      SPANS.put(input.runId(), new Span(start, start, RunStatus.FAILED));
      throw ApplicationFailure.newNonRetryableFailure("loss diverged", "invalid_config");
    }
    double value = rocAuc(params.learningRate(), params.maxDepth());
    String parent = Workflow.getInfo().getParentWorkflowId().orElse("");
    double sum = 0;
    try {
      for (int fold = 1; fold <= FOLDS; fold++) {
        Workflow.sleep(foldTime(params.learningRate(), params.maxDepth()));
        double foldValue = value + 0.002 * (fold - 2); // folds differ a little, deterministically
        sum += foldValue;
        if (parent.startsWith(TuningJobInput.WORKFLOW_ID_PREFIX)) {
          Workflow.newExternalWorkflowStub(TuningWorkflow.class, parent)
              .trialReport(new TrialReport(input.runId(), fold, Map.of("roc_auc", foldValue, "accuracy", foldValue - 0.1)));
        }
      }
    } catch (CanceledFailure e) {
      SPANS.put(input.runId(), new Span(start, Workflow.currentTimeMillis(), RunStatus.CANCELLED));
      throw e;
    }
    SPANS.put(input.runId(), new Span(start, Workflow.currentTimeMillis(), RunStatus.COMPLETED));
    Map<String, Double> metrics = Map.of("roc_auc", value, "accuracy", value - 0.1, "cv_roc_auc", sum / FOLDS);
    EvaluationResult evaluation = new EvaluationResult("roc_auc", value, 0.0, true, metrics, Map.of(), 100, "file:/eval");
    return new RunProgress(
        input.runId(), RunStatus.COMPLETED, null, List.of(), 1, 1, 100, null, evaluation, null, null, null, null, Map.of(),
        null, null, null, start, Workflow.currentTimeMillis(), null, null);
  }

  @Override
  public void cancel(String reason) {}

  @Override
  public void pushAnyway(String reason) {}

  @Override
  public void reportEpoch(EpochMetrics metrics) {}

  @Override
  public void reportTrainingStarted(TrainingStart start) {}

  @Override
  public RunProgress progress() {
    return null;
  }

  @Override
  public void reportFold(dev.trainflow.workflows.activities.FoldReport report) {}

  @Override
  public boolean trainingStopRequested() {
    return false;
  }
}
