package dev.trainflow.worker.training;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.worker.artifacts.CheckpointStore;
import dev.trainflow.worker.artifacts.ModelDescription;
import dev.trainflow.worker.artifacts.TrainedModelStore;
import dev.trainflow.worker.data.RetrievalSplit;
import dev.trainflow.worker.evaluation.RetrievalEvaluator;
import dev.trainflow.worker.evaluation.RetrievalMetrics;
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
 * Trains a two-tower retrieval model: per epoch a seeded shuffle, batches of {@code batch_size}
 * (the last, partial batch included), a heartbeat after every step, then the validation loss and
 * recall@K, reported to the run workflow. Checkpoints every {@code checkpoint_every_epochs}
 * epochs, at the end, and when cancelled; resumes from a checkpoint exactly where it stopped.
 */
public final class RetrievalTrainer {
  private static final Logger log = LoggerFactory.getLogger(RetrievalTrainer.class);

  private final ArtifactStore store;
  private final CheckpointStore checkpoints;
  private final EpochReporter reporter;
  private final TrainingProgress progress;

  public RetrievalTrainer(ArtifactStore store, EpochReporter reporter, TrainingProgress progress) {
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
    TrainingSetup setup = TrainingSetup.of(run, request.transform(), store);
    TrainingData data = TrainingData.load(store, request.examples(), setup);
    TrainingParams params = setup.params();
    log.info(
        "run {}: training {} rows, validating {} rows, {} candidates; {} epochs of batch {}, {} at {}",
        run.runId(), data.train().size(), data.validation().size(), data.catalog().size(),
        params.epochs(), params.batchSize(), setup.optimizer().name(), params.learningRate());
    try (TwoTowerModel model = TwoTowerModel.forTraining(setup.architecture(), setup.optimizer())) {
      TrainingPosition position = start(model, params, resumeFromCheckpointUri);
      runEpochs(request, setup, data, model, position);
      String modelUri = writeModel(run, setup, model, position);
      return new TrainingResult(
          modelUri,
          position.completedEpochs,
          position.lastEpoch,
          position.lastCheckpointUri,
          (System.nanoTime() - started) / 1e9,
          workerIdentity);
    } catch (TFResourceExhaustedException | OutOfMemoryError e) {
      long logitsMegabytes = 4L * params.batchSize() * params.batchSize() / (1024 * 1024);
      throw TrainingFailures.of(
          FailureReason.OUT_OF_MEMORY,
          "out of memory at batch_size " + params.batchSize() + " (each batch's logits alone take " + logitsMegabytes
              + " MB): lower batch_size or use a bigger machine",
          e);
    }
  }

  private TrainingPosition start(TwoTowerModel model, TrainingParams params, String resumeUri) {
    if (resumeUri == null) {
      model.load(InitialWeights.create(model.allVariables(), params.seed()));
      return TrainingPosition.fresh(params.seed());
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
    return TrainingPosition.resumed(loaded.checkpoint(), resumeUri);
  }

  private void runEpochs(
      TrainingRequest request, TrainingSetup setup, TrainingData data, TwoTowerModel model, TrainingPosition position) {
    TrainingParams params = setup.params();
    int rows = data.train().size();
    int batchSize = params.batchSize();
    try {
      progress.heartbeat(new TrainingHeartbeat(position.completedEpochs + 1, 0, position.lastCheckpointUri));
      while (position.completedEpochs < params.epochs()) {
        int epoch = position.completedEpochs + 1;
        int[] order = EpochShuffle.order(rows, position.shuffleSeed, epoch);
        int step = (int) ((position.rowsDoneInEpoch + batchSize - 1) / batchSize);
        while (position.rowsDoneInEpoch < rows) {
          int from = (int) position.rowsDoneInEpoch;
          int to = Math.min(rows, from + batchSize);
          long stepStart = System.nanoTime();
          RetrievalSplit train = data.train();
          double loss =
              model.trainStep(
                  train.queries().select(order, from, to),
                  train.candidates().select(order, from, to),
                  train.logSamplingProbabilities(order, from, to));
          if (!Double.isFinite(loss)) {
            throw TrainingFailures.invalidConfig(
                "training diverged: the loss is " + loss + " at epoch " + epoch + ", step " + (step + 1)
                    + "; lower the learning rate (" + params.learningRate() + ")");
          }
          position.stepDone(to, loss, (System.nanoTime() - stepStart) / 1e9);
          step++;
          progress.heartbeat(new TrainingHeartbeat(epoch, step, position.lastCheckpointUri));
        }
        EpochMetrics metrics = finishEpoch(epoch, step, setup, data, model, position);
        position.epochDone(metrics);
        reporter.report(request.workflowId(), metrics);
        log.info("run {} epoch {}/{}: {}", request.run().runId(), epoch, params.epochs(), metrics);
        if (epoch % params.checkpointEveryEpochs() == 0 || epoch == params.epochs()) {
          writeCheckpoint(request.run(), setup, model, position);
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
      int epoch, int step, TrainingSetup setup, TrainingData data, TwoTowerModel model, TrainingPosition position) {
    long validationStart = System.nanoTime();
    RetrievalMetrics validation = null;
    if (data.validation().size() > 0) {
      RetrievalEvaluator evaluator =
          new RetrievalEvaluator(() -> progress.heartbeat(new TrainingHeartbeat(epoch, step, position.lastCheckpointUri)));
      validation = evaluator.evaluate(model, data.validation(), data.catalog(), setup.params().batchSize());
    }
    double validationSeconds = (System.nanoTime() - validationStart) / 1e9;
    int rows = data.train().size();
    return new EpochMetrics(
        epoch,
        position.epochLossSum / rows,
        validation == null ? null : validation.loss(),
        validation == null ? null : validation.recallAt5(),
        validation == null ? null : validation.recallAt10(),
        validation == null ? null : validation.recallAt50(),
        validation == null ? null : validation.recallAt100(),
        setup.params().learningRate(),
        position.epochTrainSeconds > 0 ? rows / position.epochTrainSeconds : 0.0,
        position.epochTrainSeconds + validationSeconds);
  }

  private void writeCheckpoint(CompiledRun run, TrainingSetup setup, TwoTowerModel model, TrainingPosition position) {
    List<NamedTensor> variables = model.read(model.allVariables());
    position.lastCheckpointUri =
        checkpoints.write(
            run.artifactPrefix(), position.checkpoint(setup.optimizer().name(), WeightsFile.FILE_NAME), variables);
    position.checkpointed = true;
    log.info("run {}: checkpoint {}", run.runId(), position.lastCheckpointUri);
  }

  private String writeModel(CompiledRun run, TrainingSetup setup, TwoTowerModel model, TrainingPosition position) {
    ModelDescription description =
        new ModelDescription(
            ModelDescription.FORMAT,
            setup.model().modelType(),
            setup.architecture().embeddingDim(),
            setup.architecture().l2Normalize(),
            setup.transform().queryIdColumn(),
            setup.transform().candidateIdColumn(),
            setup.architecture().query(),
            setup.architecture().candidate(),
            WeightsFile.FILE_NAME,
            model.modelVariables(),
            position.completedEpochs,
            setup.params().batchSize(),
            setup.optimizer().name(),
            setup.params().learningRate(),
            setup.params().seed(),
            position.lastEpoch);
    return new TrainedModelStore(store).write(run.artifactPrefix(), description, model.read(model.modelVariables()));
  }
}
