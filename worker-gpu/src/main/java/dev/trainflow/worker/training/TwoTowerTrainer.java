package dev.trainflow.worker.training;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.worker.artifacts.CheckpointStore;
import dev.trainflow.worker.artifacts.ModelDescription;
import dev.trainflow.worker.artifacts.TrainedModelStore;
import dev.trainflow.worker.data.EncodedSplit;
import dev.trainflow.worker.evaluation.SplitEvaluator;
import dev.trainflow.worker.evaluation.SplitMetrics;
import dev.trainflow.worker.export.ModelExport;
import dev.trainflow.worker.export.SavedModelExporter;
import dev.trainflow.worker.model.BatchLosses;
import dev.trainflow.worker.model.DevicePlacement;
import dev.trainflow.worker.model.InitialWeights;
import dev.trainflow.worker.model.NamedTensor;
import dev.trainflow.worker.model.TwoTowerModel;
import dev.trainflow.worker.model.WeightsFile;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.run.CompiledRun;
import dev.trainflow.workflows.spec.TrainingParams;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.exceptions.TFResourceExhaustedException;

/**
 * Trains a two-tower model (retrieval, ranking or multitask): per epoch a seeded shuffle, batches
 * of {@code batch_size} (the last, partial batch included) at the schedule's learning rate, a
 * heartbeat after every step, then the validation metrics, reported to the run workflow; the
 * schedule and early stopping look at the validation loss after each epoch. Checkpoints every
 * {@code checkpoint_every_epochs} epochs (every epoch on a preemptible machine), at the end, and
 * when cancelled; resumes from a checkpoint exactly where it stopped. At the end it keeps the
 * best epoch's weights if early stopping restores them, writes the model folder and exports the
 * SavedModel.
 */
public final class TwoTowerTrainer {
  private static final Logger log = LoggerFactory.getLogger(TwoTowerTrainer.class);

  private final ArtifactStore store;
  private final CheckpointStore checkpoints;
  private final EpochReporter reporter;
  private final TrainingProgress progress;

  public TwoTowerTrainer(ArtifactStore store, EpochReporter reporter, TrainingProgress progress) {
    this.store = store;
    this.checkpoints = new CheckpointStore(store);
    this.reporter = reporter;
    this.progress = progress;
  }

  /**
   * @param resumeFromCheckpointUri a checkpoint folder to continue from, or null to start at epoch 1
   */
  public TrainingResult train(TrainingRequest request, String resumeFromCheckpointUri, String workerIdentity) {
    long started = System.nanoTime();
    CompiledRun run = request.run();
    TrainingSetup setup = TrainingSetup.of(run, request.examples(), request.transform(), store);
    TrainingData data = TrainingData.load(store, request.examples(), setup);
    TrainingParams params = setup.params();
    log.info(
        "run {}: training a {} model on {} rows, validating on {} rows, {} candidates; {} epochs of batch {}, {} at {} ({})",
        run.runId(), setup.model().modelType(), data.train().size(), data.validation().size(), data.catalog().size(),
        params.epochs(), params.batchSize(), setup.optimizer().name(), params.learningRate(), setup.schedule().type());
    try (TwoTowerModel model =
        TwoTowerModel.forTraining(
            setup.architecture(), setup.optimizer(), params.gradientClipNorm(), DevicePlacement.sessionConfig(setup.gpus()),
            params.batchSize())) {
      LearningRateScheduler scheduler = new LearningRateScheduler(setup.schedule(), params.learningRate(), params.epochs());
      EarlyStopper stopper = new EarlyStopper(params.earlyStopping());
      TrainingPosition position = start(model, params, resumeFromCheckpointUri, scheduler.baseRate());
      runEpochs(request, setup, data, model, position, scheduler, stopper);
      if (stopper.restoresBestWeights() && position.bestWeights != null && position.bestEpoch != position.completedEpochs) {
        log.info("run {}: restoring the weights of epoch {} (best validation loss {})", run.runId(), position.bestEpoch, position.bestLoss);
        model.load(position.bestWeights);
      }
      boolean restored = stopper.restoresBestWeights() && position.bestWeights != null;
      int modelEpoch = restored ? position.bestEpoch : position.completedEpochs;
      EpochMetrics modelMetrics = restored && position.bestMetrics != null ? position.bestMetrics : position.lastEpoch;
      String modelUri = writeModel(run, setup, model, position, modelEpoch, modelMetrics);
      ModelExport export =
          new SavedModelExporter(store)
              .export(run, request.examples(), setup.transform(), model, data.catalog(), modelEpoch, modelMetrics, progress(position));
      return new TrainingResult(
          modelUri,
          position.completedEpochs,
          position.lastEpoch,
          position.lastCheckpointUri,
          (System.nanoTime() - started) / 1e9,
          workerIdentity,
          position.bestEpoch > 0 ? position.bestEpoch : null,
          position.stoppedEarly,
          export.savedModelUri());
    } catch (TFResourceExhaustedException | OutOfMemoryError e) {
      long logitsMegabytes = 4L * params.batchSize() * params.batchSize() / (1024 * 1024);
      throw TrainingFailures.of(
          FailureReason.OUT_OF_MEMORY,
          "out of memory at batch_size " + params.batchSize() + " (each batch's logits alone take " + logitsMegabytes
              + " MB): lower batch_size or use a bigger machine",
          e);
    }
  }

  private Runnable progress(TrainingPosition position) {
    return () -> progress.heartbeat(new TrainingHeartbeat(position.completedEpochs, 0, position.lastCheckpointUri));
  }

  private TrainingPosition start(TwoTowerModel model, TrainingParams params, String resumeUri, double baseRate) {
    if (resumeUri == null) {
      model.load(InitialWeights.create(model.allVariables(), params.seed()));
      if (params.warmStartFrom() != null) {
        WarmStart.apply(store, params.warmStartFrom(), model);
      }
      return TrainingPosition.fresh(params.seed(), baseRate);
    }
    CheckpointStore.Loaded loaded;
    try {
      loaded = checkpoints.read(resumeUri);
    } catch (UncheckedIOException e) {
      throw TrainingFailures.of(FailureReason.TRANSIENT_IO, "cannot read checkpoint " + resumeUri + ": " + e.getMessage(), e);
    }
    List<String> missing = model.missingFrom(loaded.variables());
    if (!missing.isEmpty()) {
      throw TrainingFailures.invalidConfig(
          "checkpoint " + resumeUri + " does not match this model: it lacks " + missing + " (was it written with another config or optimizer?)");
    }
    try {
      model.load(loaded.variables());
    } catch (IllegalArgumentException e) {
      throw TrainingFailures.invalidConfig("checkpoint " + resumeUri + " does not match this model: " + e.getMessage());
    }
    if (loaded.checkpoint().shuffleSeed() != params.seed()) {
      log.warn("checkpoint {} was shuffled with seed {}, the run says {}: keeping the checkpoint's",
          resumeUri, loaded.checkpoint().shuffleSeed(), params.seed());
    }
    log.info("resuming from {} after epoch {} (+{} rows)", resumeUri,
        loaded.checkpoint().completedEpochs(), loaded.checkpoint().rowsDoneInEpoch());
    return TrainingPosition.resumed(loaded.checkpoint(), loaded.bestWeights(), resumeUri, baseRate);
  }

  private void runEpochs(
      TrainingRequest request,
      TrainingSetup setup,
      TrainingData data,
      TwoTowerModel model,
      TrainingPosition position,
      LearningRateScheduler scheduler,
      EarlyStopper stopper) {
    TrainingParams params = setup.params();
    EncodedSplit train = data.train();
    int rows = train.size();
    int batchSize = params.batchSize();
    int stepsPerEpoch = (rows + batchSize - 1) / batchSize;
    try {
      progress.heartbeat(new TrainingHeartbeat(position.completedEpochs + 1, 0, position.lastCheckpointUri));
      while (position.completedEpochs < params.epochs() && !position.stoppedEarly) {
        int epoch = position.completedEpochs + 1;
        int[] order = EpochShuffle.order(rows, position.shuffleSeed, epoch);
        int step = (int) ((position.rowsDoneInEpoch + batchSize - 1) / batchSize);
        double rate = scheduler.rate(position, epoch, Math.max(0, step - 1), stepsPerEpoch);
        while (position.rowsDoneInEpoch < rows) {
          int from = (int) position.rowsDoneInEpoch;
          int to = Math.min(rows, from + batchSize);
          rate = scheduler.rate(position, epoch, step, stepsPerEpoch);
          long stepStart = System.nanoTime();
          BatchLosses losses = model.trainStep(train.batch(order, from, to), rate);
          double loss = losses.weighted(setup.architecture());
          if (!Double.isFinite(loss)) {
            throw TrainingFailures.invalidConfig(
                "training diverged: the loss is " + loss + " at epoch " + epoch + ", step " + (step + 1)
                    + "; lower the learning rate (" + rate + ") or set training_params.gradient_clip_norm");
          }
          position.stepDone(to, loss, (System.nanoTime() - stepStart) / 1e9);
          step++;
          progress.heartbeat(new TrainingHeartbeat(epoch, step, position.lastCheckpointUri));
        }
        EpochMetrics metrics = finishEpoch(epoch, step, setup, data, model, position, rate);
        position.epochDone(metrics);
        scheduler.afterEpoch(position, metrics.validationLoss());
        boolean stop = stopper.afterEpoch(position, metrics, () -> model.read(model.modelVariables()));
        // checkpoint before reporting the epoch, so the report can name the checkpoint
        if (epoch % setup.checkpointEveryEpochs() == 0 || epoch == params.epochs() || stop) {
          writeCheckpoint(request.run(), setup, model, position);
          metrics = metrics.withCheckpoint(position.lastCheckpointUri);
          position.lastEpoch = metrics;
        }
        reporter.report(request.workflowId(), metrics);
        log.info("run {} epoch {}/{}: {}", request.run().runId(), epoch, params.epochs(), metrics);
        if (stop) {
          log.info("run {}: early stopping after epoch {}, best epoch {} (validation loss {})",
              request.run().runId(), epoch, position.bestEpoch, position.bestLoss);
        }
      }
      if (!position.checkpointed) {
        writeCheckpoint(request.run(), setup, model, position);
      }
    } catch (ActivityCompletionException | TrainingInterruption stopped) {
      if (!position.checkpointed && (position.completedEpochs > 0 || position.rowsDoneInEpoch > 0)) {
        writeCheckpoint(request.run(), setup, model, position);
      }
      log.info("run {} stopped ({}) at {}", request.run().runId(), stopped.getClass().getSimpleName(), position.lastCheckpointUri);
      TrainingHeartbeat at =
          new TrainingHeartbeat(position.completedEpochs + 1, 0, position.lastCheckpointUri, position.completedEpochs, 0.0);
      if (stopped instanceof TrainingInterruption interruption) {
        throw interruption.checkpointed(at);
      }
      if (stopped instanceof ActivityWorkerShutdownException) {
        // the worker was told to stop (SIGTERM: preemption, scale-down): a retry elsewhere resumes
        throw new TrainingInterruption(FailureReason.PREEMPTED, "the worker shut down (SIGTERM) during training")
            .checkpointed(at);
      }
      if (stopped instanceof ActivityCanceledException) {
        // the workflow waits for this answer; its details tell it the checkpoint a retry resumes from
        throw new TrainingInterruption(FailureReason.CANCELLED, "training cancelled").checkpointed(at);
      }
      throw stopped;
    }
  }

  private EpochMetrics finishEpoch(
      int epoch, int step, TrainingSetup setup, TrainingData data, TwoTowerModel model, TrainingPosition position, double rate) {
    long validationStart = System.nanoTime();
    SplitMetrics validation = null;
    if (data.validation().size() > 0) {
      SplitEvaluator evaluator =
          new SplitEvaluator(() -> progress.heartbeat(new TrainingHeartbeat(epoch, step, position.lastCheckpointUri)));
      validation = evaluator.evaluate(model, data.validation(), data.catalog(), setup.params().batchSize(), null);
    }
    double validationSeconds = (System.nanoTime() - validationStart) / 1e9;
    int rows = data.train().size();
    boolean recall = validation != null && validation.recall() != null;
    return new EpochMetrics(
        epoch,
        position.epochLossSum / rows,
        validation == null ? null : validation.loss(),
        recall ? validation.recall().at5() : null,
        recall ? validation.recall().at10() : null,
        recall ? validation.recall().at50() : null,
        recall ? validation.recall().at100() : null,
        rate,
        position.epochTrainSeconds > 0 ? rows / position.epochTrainSeconds : 0.0,
        position.epochTrainSeconds + validationSeconds,
        validation == null ? null : validation.rmse(),
        validation == null ? null : validation.mae());
  }

  private void writeCheckpoint(CompiledRun run, TrainingSetup setup, TwoTowerModel model, TrainingPosition position) {
    List<NamedTensor> variables = model.read(model.allVariables());
    position.lastCheckpointUri =
        checkpoints.write(
            run.artifactPrefix(), position.checkpoint(setup.optimizer().name(), WeightsFile.FILE_NAME), variables, position.bestWeights);
    position.checkpointed = true;
    log.info("run {}: checkpoint {}", run.runId(), position.lastCheckpointUri);
  }

  private String writeModel(
      CompiledRun run, TrainingSetup setup, TwoTowerModel model, TrainingPosition position, int modelEpoch, EpochMetrics metrics) {
    ModelDescription description =
        new ModelDescription(
            ModelDescription.FORMAT,
            setup.model().modelType(),
            setup.architecture(),
            setup.transform().queryIdColumn(),
            setup.transform().candidateIdColumn(),
            setup.transform().labelColumn(),
            WeightsFile.FILE_NAME,
            model.modelVariables(),
            position.completedEpochs,
            modelEpoch,
            setup.params().batchSize(),
            setup.optimizer().name(),
            setup.params().learningRate(),
            setup.params().seed(),
            metrics);
    return new TrainedModelStore(store).write(run.artifactPrefix(), description, model.read(model.modelVariables()));
  }
}
