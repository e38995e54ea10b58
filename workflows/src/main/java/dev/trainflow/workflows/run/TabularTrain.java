package dev.trainflow.workflows.run;

import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.FoldReport;
import dev.trainflow.workflows.activities.TabularTrainingActivities;
import dev.trainflow.workflows.activities.TabularTrainingRequest;
import dev.trainflow.workflows.activities.TabularTrainingResult;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.ModelConfig;
import dev.trainflow.workflows.spec.TrainingParams;
import dev.trainflow.workflows.tuning.TrialReport;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The Train stage of a tabular run: one activity on the {@code cpu} queue that cross-validates,
 * fits, evaluates and applies the gates. The folds it reports as they finish move the run's
 * progress and, when the run is a tuning trial, go on to the tuning workflow (its successive
 * halving decides at folds).
 */
final class TabularTrain {
  private static final Logger log = Workflow.getLogger(TabularTrain.class);
  /** Parents whose id starts so are tuning jobs, which take a trial's folds as {@code trialReport}. */
  static final String TUNING_PARENT_PREFIX = dev.trainflow.workflows.tuning.TuningJobInput.WORKFLOW_ID_PREFIX;

  private final RunState state;
  private final CompiledRun run;
  private final List<FoldReport> unforwarded = new ArrayList<>();
  private boolean stopRequested;

  TabularTrain(RunState state, CompiledRun run) {
    this.state = state;
    this.run = run;
  }

  boolean stopRequested() {
    return stopRequested;
  }

  /** Called by the run's {@code reportFold} signal handler. */
  void fold(FoldReport report) {
    state.foldFinished(report.fold(), report.folds());
    unforwarded.add(report);
  }

  TabularTrainingResult train(ExamplesResult examples) {
    TrainingParams params = run.trainingParams();
    TabularTrainingActivities activities =
        Workflow.newActivityStub(
            TabularTrainingActivities.class,
            RunActivityOptions.tabularTraining(
                params.heartbeatTimeoutSeconds(), Duration.ofMinutes(params.maxRuntimeMinutes())));
    // Detached: cancelling the run does not cancel the activity through Temporal; the trainer asks
    // trainingStopRequested() between rounds and stops itself (see TrainingRunWorkflow).
    List<Promise<TabularTrainingResult>> started = new ArrayList<>();
    Workflow.newDetachedCancellationScope(() -> started.add(Async.function(activities::trainTabular, request(run, examples))))
        .run();
    Promise<TabularTrainingResult> result = started.get(0);
    String parent = Workflow.getInfo().getParentWorkflowId().orElse(null);
    boolean trial = parent != null && parent.startsWith(TUNING_PARENT_PREFIX);
    try {
      while (true) {
        Workflow.await(() -> !unforwarded.isEmpty() || result.isCompleted());
        if (unforwarded.isEmpty()) {
          return result.get();
        }
        List<FoldReport> batch = List.copyOf(unforwarded);
        unforwarded.clear();
        if (trial) {
          forward(parent, batch);
        }
      }
    } catch (CanceledFailure e) {
      // The trainer stops within a round once it sees this. Wait for that, so the run does not end
      // while its activity still runs and signals folds to a closed workflow.
      stopRequested = true;
      Workflow.newDetachedCancellationScope(
              () -> {
                try {
                  result.get();
                } catch (RuntimeException stopped) {
                  log.info("run {}: tabular training stopped: {}", run.runId(), stopped.getMessage());
                }
              })
          .run();
      throw e;
    }
  }

  private void forward(String parent, List<FoldReport> batch) {
    for (FoldReport report : batch) {
      try {
        Workflow.newUntypedExternalWorkflowStub(parent)
            .signal("trialReport", new TrialReport(run.runId(), report.fold(), report.metrics()));
      } catch (RuntimeException e) {
        // the tuning job may have ended (it cancels its trials then): training goes on regardless
        log.info("run {}: fold {} not forwarded to {}: {}", run.runId(), report.fold(), parent, e.getMessage());
      }
    }
  }

  static TabularTrainingRequest request(CompiledRun run, ExamplesResult examples) {
    ModelConfig model = run.modelConfig().withDefaults();
    FeatureConfig features = run.featureConfig();
    TrainingParams params = run.trainingParams();
    return new TabularTrainingRequest(
        run.runId(),
        examples.train().uri(),
        examples.test().uri(),
        features.labelColumn(),
        model.modelType(),
        model.trainer(),
        features.ignoredColumns(),
        features.categoricalColumns(),
        model.categoricalEncoding(),
        "balanced".equals(model.classWeights()) ? "balanced" : null,
        model.classWeightValues(),
        params.numTrees(),
        params.maxDepth(),
        params.learningRate(),
        params.seed(),
        params.cvFolds(),
        run.evaluatorConfig().thresholds(),
        run.artifactPrefix(),
        params.minChildWeight(),
        params.subsample());
  }

  /**
   * The Evaluate stage of a tabular run, from what the training activity measured on the test
   * split: the headline metric, every test metric, the cross-validation mean ({@code cv_<metric>})
   * and spread ({@code cv_<metric>_std}), the gates, and the feature importance.
   */
  static EvaluationResult evaluation(CompiledRun run, TabularTrainingResult trained, long testRows) {
    EvaluatorConfig config = run.evaluatorConfig();
    String metric = config.metric();
    Map<String, Double> metrics = new LinkedHashMap<>(trained.metrics());
    trained.cvMean().forEach((name, mean) -> metrics.put("cv_" + name, mean));
    trained.cvStd().forEach((name, std) -> metrics.put("cv_" + name + "_std", std));
    Double value = trained.metrics().get(metric);
    return new EvaluationResult(
        metric,
        value == null || value.isNaN() ? Double.NaN : value,
        null,
        trained.blessed(),
        metrics,
        Map.of(),
        testRows,
        trained.evaluationUri(),
        run.modelConfig().modelType(),
        null,
        null,
        null,
        trained.gates(),
        trained.featureImportance());
  }
}
