package dev.trainflow.workflows.run;

import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.CompileActivities;
import dev.trainflow.workflows.activities.DataActivities;
import dev.trainflow.workflows.activities.DeployActivities;
import dev.trainflow.workflows.activities.DeploymentRequest;
import dev.trainflow.workflows.activities.DeploymentResult;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.EvaluationActivities;
import dev.trainflow.workflows.activities.EvaluationRequest;
import dev.trainflow.workflows.activities.EvaluationResult;
import dev.trainflow.workflows.activities.ExamplesResult;
import dev.trainflow.workflows.activities.FoldReport;
import dev.trainflow.workflows.activities.RegistrationRequest;
import dev.trainflow.workflows.activities.RegistrationResult;
import dev.trainflow.workflows.activities.RegistryActivities;
import dev.trainflow.workflows.activities.RunRecordActivities;
import dev.trainflow.workflows.activities.SchemaResult;
import dev.trainflow.workflows.activities.StatisticsResult;
import dev.trainflow.workflows.activities.TabularTrainingResult;
import dev.trainflow.workflows.activities.TrainingActivities;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.activities.TrainingStart;
import dev.trainflow.workflows.activities.TransformResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The run workflow. Deterministic: time comes from {@link Workflow#currentTimeMillis()}, all I/O
 * happens in activities, and every state change is projected to PostgreSQL by an activity.
 */
public class TrainingRunWorkflowImpl implements TrainingRunWorkflow {
  private static final Logger log = Workflow.getLogger(TrainingRunWorkflowImpl.class);

  private final CompileActivities compile =
      Workflow.newActivityStub(CompileActivities.class, RunActivityOptions.data());
  private final DataActivities data =
      Workflow.newActivityStub(DataActivities.class, RunActivityOptions.data());
  /** Version 1: the workflow runs training attempts itself (budgets, fallback, resume). */
  static final String TRAINING_ATTEMPTS = "workflow-driven-training-attempts";

  /**
   * Version 1: the stages other than Train run in detached scopes, so cancelling a run never sends
   * a cancel request for a short stage activity: one racing that activity's completion made the
   * embedded test server refuse the run's next workflow task (ACTIVITY_UNKNOWN), and the run hung.
   * A cancelled run now ends when its current stage does (seconds), which a data stage that does
   * not heartbeat did anyway: a cancel request never stopped it.
   */
  static final String DETACHED_STAGES = "detached-stages";

  private boolean detachedStages;

  /** Version 1: classification and regression runs take the tabular path. */
  static final String TABULAR_RUNS = "tabular-runs";

  /** Version 1: projections are never cancelled with the run. */
  static final String DETACHED_PROJECTIONS = "detached-projections";

  private final TrainingActivities legacyTraining =
      Workflow.newActivityStub(TrainingActivities.class, RunActivityOptions.training());
  private final EvaluationActivities evaluation =
      Workflow.newActivityStub(EvaluationActivities.class, RunActivityOptions.data());
  private final RegistryActivities registry =
      Workflow.newActivityStub(RegistryActivities.class, RunActivityOptions.data());
  private final DeployActivities deploy =
      Workflow.newActivityStub(DeployActivities.class, RunActivityOptions.data());
  private final RunRecordActivities records =
      Workflow.newActivityStub(RunRecordActivities.class, RunActivityOptions.projection());

  private final List<EpochMetrics> unrecordedEpochs = new ArrayList<>();
  private RunState state;
  private TrainingRunInput input;
  private TabularTrain tabular;
  private CancellationScope stagesScope;
  private String cancelReason;
  private String pushAnywayReason;

  @Override
  public RunProgress run(TrainingRunInput input) {
    int epochs =
        input.trainingParams() != null && input.trainingParams().epochs() != null
            ? input.trainingParams().epochs()
            : 0;
    this.input = input;
    state = new RunState(input.runId(), epochs);
    int version = Workflow.getVersion(TRAINING_ATTEMPTS, Workflow.DEFAULT_VERSION, 1);
    detachedStages = Workflow.getVersion(DETACHED_STAGES, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (version >= 1 && input.resume() != null) {
      state.prior(input.resume().priorAttempts(), input.resume().priorCostUsd());
    }
    project();
    stagesScope = Workflow.newCancellationScope(() -> runStages(input, version));
    try {
      if (cancelReason != null) {
        stagesScope.cancel(cancelReason);
      }
      stagesScope.run();
      return state.snapshot();
    } catch (RuntimeException e) {
      if (isCancellation(e)) {
        return endCancelled(e);
      }
      RunFailure failure = RunFailure.from(e);
      log.warn("run {} failed at {}: {} ({})", input.runId(), state.currentStage(), failure.message(), failure.reason());
      state.end(
          RunStatus.FAILED, StageStatus.FAILED, Workflow.currentTimeMillis(), failure.reason().type(), failure.message());
      projectAfterEnd();
      throw failure.toApplicationFailure();
    }
  }

  private void runStages(TrainingRunInput input, int version) {
    StageOutputs reused = version >= 1 && input.resume() != null ? input.resume().outputs() : StageOutputs.none();
    CompiledRun run =
        reused.compiled() != null
            ? reuse(Stage.COMPILE, reused.compiled())
            : stage(Stage.COMPILE, () -> compile.compile(input), c -> "config sha256 " + c.configSha256());
    state.configSha256(run.configSha256());
    state.totalEpochs(run.trainingParams().epochs());
    state.artifact("config_snapshot", run.configSnapshotUri());
    state.outputs(new StageOutputs(run, null, null, null, null));
    if (run.modelConfig().tabular()) {
      // No recorded history reaches here: before this version every run was a TensorFlow one.
      Workflow.getVersion(TABULAR_RUNS, Workflow.DEFAULT_VERSION, 1);
      runTabularStages(run, reused);
      return;
    }

    ExamplesResult examples =
        examples(
            run,
            reused,
            e ->
                String.format(
                    "%d rows: train %d, validation %d, test %d; %d candidates",
                    e.sampledRows(), e.train().rows(), e.validation().rows(), e.test().rows(), e.candidates().rows()));
    examples.splits().forEach(split -> state.artifact("examples_" + split.name(), split.uri()));
    state.artifact("candidates", examples.candidates().uri());
    state.outputs(new StageOutputs(run, examples, null, null, null));

    StatisticsResult statistics =
        reused.statistics() != null
            ? reuse(Stage.STATISTICS, reused.statistics())
            : stage(Stage.STATISTICS, () -> data.computeStatistics(run, examples), s -> s.columns().size() + " columns");
    state.artifact("statistics", statistics.uri());
    state.outputs(new StageOutputs(run, examples, statistics, null, null));

    SchemaResult schema =
        reused.schema() != null
            ? reuse(Stage.SCHEMA, reused.schema())
            : stage(
                Stage.SCHEMA,
                () -> data.validateSchema(run, examples, statistics),
                s -> s.warnings().isEmpty() ? "no anomalies" : String.join("; ", s.warnings()));
    state.artifact("schema", schema.uri());
    state.outputs(new StageOutputs(run, examples, statistics, schema, null));

    TransformResult transform =
        reused.transform() != null
            ? reuse(Stage.TRANSFORM, reused.transform())
            : stage(
                Stage.TRANSFORM,
                () -> data.fitTransform(run, examples, schema),
                t -> "vocabularies " + t.vocabularySizes());
    state.artifact("transform", transform.uri());
    state.outputs(new StageOutputs(run, examples, statistics, schema, transform));

    String resumeFrom = version >= 1 && input.resume() != null ? input.resume().checkpointUri() : null;
    TrainingResult trained =
        stage(
            Stage.TRAIN,
            () ->
                version >= 1
                    ? new TrainingAttempts(this, run, examples, transform, resumeFrom).run()
                    : train(
                        legacyTraining,
                        new TrainingRequest(Workflow.getInfo().getWorkflowId(), run, examples, transform, null)),
            t -> String.format("%d epochs in %.1f s", t.epochsCompleted(), t.trainSeconds()));
    state.artifact("model", trained.modelUri());
    state.artifact("last_checkpoint", trained.lastCheckpointUri());

    EvaluationResult evaluated =
        stage(
            Stage.EVALUATE,
            () -> evaluation.evaluate(new EvaluationRequest(run, examples, transform, trained)),
            EvaluationResult::summary);
    state.evaluation(evaluated);
    state.artifact("evaluation", evaluated.uri());

    registerAndDeploy(run, trained.modelUri(), evaluated);
  }

  /** The Examples stage (reused on a retry), recording the dataset version it read. */
  private ExamplesResult examples(CompiledRun run, StageOutputs reused, Function<ExamplesResult, String> summary) {
    if (reused.examples() != null) {
      return reuse(Stage.EXAMPLES, reused.examples());
    }
    return stage(
        Stage.EXAMPLES,
        () -> {
          ExamplesResult result = data.prepareExamples(run);
          state.datasetVersion(records.recordDatasetVersion(run.datasetId(), result.datasetChecksum(), result.datasetRows()));
          return result;
        },
        summary);
  }

  /** Register and Deploy, after a push-anyway wait when the model was not blessed. */
  private void registerAndDeploy(CompiledRun run, String modelUri, EvaluationResult evaluated) {
    boolean pushedAnyway = false;
    if (!evaluated.blessed()) {
      if (!awaitPushAnyway(run)) {
        long now = Workflow.currentTimeMillis();
        state.skip(Stage.REGISTER, now, "not blessed");
        state.skip(Stage.DEPLOY, now, "not blessed");
        state.complete(RunStatus.NOT_BLESSED, now);
        project();
        return;
      }
      pushedAnyway = true;
    }

    boolean blessed = evaluated.blessed();
    boolean pushed = pushedAnyway;
    RegistrationResult registration =
        stage(
            Stage.REGISTER,
            () -> registry.registerModel(registrationRequest(run, modelUri, evaluated, blessed, pushed)),
            r -> "version " + r.modelVersion());
    state.registration(registration);

    DeploymentResult deployment =
        stage(
            Stage.DEPLOY,
            () -> deploy.deployModel(
                new DeploymentRequest(run.runId(), run.mlModelName(), run.deploymentConfig(), registration)),
            d -> d.action() + ": " + d.status());
    state.deployment(deployment);

    state.complete(RunStatus.COMPLETED, Workflow.currentTimeMillis());
    project();
  }

  /**
   * Examples (a split stratified by the label), Statistics, then one tabular training activity that
   * cross-validates, fits and gates; Schema and Transform are the TensorFlow input pipeline's
   * (vocabularies, feature crosses) and are skipped: the tabular trainer checks the label and
   * columns and fits its own encoding on the training split.
   */
  private void runTabularStages(CompiledRun run, StageOutputs reused) {
    ExamplesResult examples =
        examples(
            run,
            reused,
            e -> String.format(
                "%d rows: train %d, test %d, stratified by %s",
                e.sampledRows(), e.train().rows(), e.test().rows(), run.featureConfig().labelColumn()));
    state.artifact("examples_train", examples.train().uri());
    state.artifact("examples_test", examples.test().uri());
    state.outputs(new StageOutputs(run, examples, null, null, null));

    StatisticsResult statistics =
        reused.statistics() != null
            ? reuse(Stage.STATISTICS, reused.statistics())
            : stage(Stage.STATISTICS, () -> data.computeStatistics(run, examples), s -> s.columns().size() + " columns");
    state.artifact("statistics", statistics.uri());
    state.outputs(new StageOutputs(run, examples, statistics, null, null));
    long now = Workflow.currentTimeMillis();
    state.skip(Stage.SCHEMA, now, "tabular run: the trainer checks the label and columns");
    state.skip(Stage.TRANSFORM, now, "tabular run: the trainer fits its categorical encoding on the training split");

    tabular = new TabularTrain(state, run);
    TabularTrainingResult trained =
        stage(
            Stage.TRAIN,
            () -> tabular.train(examples),
            t -> t.cvMean().isEmpty()
                ? t.trainer() + " " + t.task()
                : String.format("%s %s, %d-fold cross-validation", t.trainer(), t.task(), run.trainingParams().cvFolds()));
    state.artifact("model", trained.modelUri());
    state.artifact("feature_importance", trained.importanceUri());

    EvaluationResult evaluated =
        stage(
            Stage.EVALUATE,
            () -> TabularTrain.evaluation(run, trained, examples.test().rows()),
            EvaluationResult::summary);
    state.evaluation(evaluated);
    state.artifact("evaluation", evaluated.uri());
    registerAndDeploy(run, trained.modelUri(), evaluated);
  }

  /** Runs one training activity while recording each epoch the trainer signals, as it arrives. */
  TrainingResult train(TrainingActivities training, TrainingRequest request) {
    Promise<TrainingResult> result = Async.function(training::train, request);
    try {
      while (true) {
        Workflow.await(() -> !unrecordedEpochs.isEmpty() || result.isCompleted());
        if (!unrecordedEpochs.isEmpty()) {
          recordEpochs();
        } else {
          return result.get();
        }
      }
    } catch (CanceledFailure e) {
      // The trainer checkpoints before it acknowledges the cancellation: wait for that, then
      // record what it reported meanwhile.
      Workflow.newDetachedCancellationScope(
              () -> {
                try {
                  result.get();
                } catch (ActivityFailure stopped) {
                  AttemptFailure failure = AttemptFailure.of(stopped);
                  state.artifact("last_checkpoint", failure.checkpointUri());
                  log.info("training stopped: {}", failure.message());
                } catch (RuntimeException expected) {
                  log.info("training stopped: {}", expected.getMessage());
                }
                if (!unrecordedEpochs.isEmpty()) {
                  recordEpochs();
                }
              })
          .run();
      throw e;
    }
  }

  private void recordEpochs() {
    List<EpochMetrics> batch = List.copyOf(unrecordedEpochs);
    unrecordedEpochs.clear();
    RunProgress progress = state.projection();
    if (detachedProjections()) {
      Workflow.newDetachedCancellationScope(() -> records.recordEpochs(progress, batch)).run();
    } else {
      records.recordEpochs(progress, batch);
    }
  }

  private boolean awaitPushAnyway(CompiledRun run) {
    state.notBlessed();
    project();
    double hours = run.evaluatorConfig().pushAnywayTimeoutHours();
    Duration window = Duration.ofSeconds(Math.round(hours * 3600));
    boolean pushed = Workflow.await(window, () -> pushAnywayReason != null);
    if (pushed) {
      log.info("run {} pushed anyway: {}", run.runId(), pushAnywayReason);
      state.resumeAfterPush();
    }
    return pushed;
  }

  private static RegistrationRequest registrationRequest(
      CompiledRun run, String modelUri, EvaluationResult evaluated, boolean blessed, boolean pushedAnyway) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("run_id", Long.toString(run.runId()));
    labels.put("run_name", run.runName());
    labels.put("model_type", run.modelConfig().modelType());
    labels.put("dataset", run.datasetName());
    labels.put("config_sha256", run.configSha256());
    labels.put("blessed", Boolean.toString(blessed));
    labels.put("pushed_anyway", Boolean.toString(pushedAnyway));
    return new RegistrationRequest(
        run.runId(),
        run.mlModelId(),
        run.mlModelName(),
        run.modelConfig().modelType(),
        modelUri,
        blessed,
        pushedAnyway,
        evaluated.metrics(),
        labels);
  }

  private <T> T reuse(Stage stage, T output) {
    state.reuse(stage, Workflow.currentTimeMillis());
    return output;
  }

  private <T> T stage(Stage stage, Supplier<T> body, Function<T, String> summary) {
    state.start(stage, Workflow.currentTimeMillis());
    project();
    T result = detachedStages && stage != Stage.TRAIN ? detached(body) : body.get();
    state.finish(stage, Workflow.currentTimeMillis(), summary.apply(result));
    project();
    return result;
  }

  /** Runs a stage out of reach of the run's cancellation, then honours a cancellation that came meanwhile. */
  private <T> T detached(Supplier<T> body) {
    List<T> out = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(() -> {
      out.add(body.get());
    }).run();
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure(cancelReason != null ? cancelReason : "workflow cancellation requested");
    }
    return out.get(0);
  }

  private RunProgress endCancelled(RuntimeException e) {
    String reason = cancelReason != null ? cancelReason : "workflow cancellation requested";
    log.info("run cancelled at {}: {}", state.currentStage(), reason);
    state.end(RunStatus.CANCELLED, StageStatus.CANCELLED, Workflow.currentTimeMillis(), null, "cancelled: " + reason);
    projectAfterEnd();
    if (cancelReason == null) {
      // Cancelled from outside (Temporal UI or API client): end as Canceled in Temporal too.
      throw e instanceof CanceledFailure ? (CanceledFailure) e : new CanceledFailure(reason);
    }
    return state.snapshot();
  }

  private boolean isCancellation(Throwable e) {
    if (cancelReason != null || CancellationScope.current().isCancelRequested()) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }

  RunState state() {
    return state;
  }

  TrainingRunInput input() {
    return input;
  }

  void project() {
    RunProgress progress = state.projection();
    if (detachedProjections()) {
      Workflow.newDetachedCancellationScope(() -> records.projectRun(progress)).run();
    } else {
      records.projectRun(progress);
    }
  }

  /** Projects even when the run's scope was cancelled. */
  private void projectAfterEnd() {
    RunProgress progress = state.projection();
    Workflow.newDetachedCancellationScope(() -> records.projectRun(progress)).run();
  }

  /**
   * From version 1 of {@link #DETACHED_PROJECTIONS} no projection is cancelled with the run: a
   * cancellation that races a projection's completion made the test server refuse the workflow
   * task (ACTIVITY_UNKNOWN) and the run hung.
   */
  private boolean detachedProjections() {
    return Workflow.getVersion(DETACHED_PROJECTIONS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  @Override
  public void cancel(String reason) {
    if (cancelReason != null || (state != null && state.status().terminal())) {
      return;
    }
    cancelReason = reason == null || reason.isBlank() ? "cancelled by request" : reason;
    if (stagesScope != null) {
      stagesScope.cancel(cancelReason);
    }
  }

  @Override
  public void pushAnyway(String reason) {
    if (pushAnywayReason == null) {
      pushAnywayReason = reason == null || reason.isBlank() ? "pushed anyway" : reason;
    }
  }

  @Override
  public void reportEpoch(EpochMetrics metrics) {
    if (state == null) {
      return;
    }
    state.epoch(metrics);
    unrecordedEpochs.removeIf(m -> m.epoch() == metrics.epoch());
    unrecordedEpochs.add(metrics);
  }

  @Override
  public void reportTrainingStarted(TrainingStart start) {
    if (state != null && start.attempt() == state.attempts()) {
      state.attemptStarted(start.workerIdentity(), start.startedAtMillis(), input == null ? null : input.submittedAtMillis());
    }
  }

  @Override
  public boolean trainingStopRequested() {
    return tabular != null && tabular.stopRequested();
  }

  @Override
  public void reportFold(FoldReport report) {
    if (tabular != null) {
      tabular.fold(report);
    }
  }

  @Override
  public RunProgress progress() {
    return state == null ? null : state.snapshot();
  }
}
