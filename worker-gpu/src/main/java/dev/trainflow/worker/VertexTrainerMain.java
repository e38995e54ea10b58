package dev.trainflow.worker;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.artifacts.ArtifactStores;
import dev.trainflow.activities.vertex.TrainerFailure;
import dev.trainflow.activities.vertex.VertexJson;
import dev.trainflow.worker.training.EpochReporter;
import dev.trainflow.worker.training.TrainingInterruption;
import dev.trainflow.worker.training.TwoTowerTrainer;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.activities.TrainingHeartbeat;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.activities.TrainingResult;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.activities.EpochMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer inside a Vertex AI custom job ({@code TRAINING_BACKEND=vertex}): trains one request
 * from the artifact store and answers through it, since a job has no way back to Temporal. It
 * writes its heartbeat to the progress file (the activity polling the job heartbeats it on), the
 * result file when training succeeds, and the failure file when it stops itself: out of memory,
 * out of time or budget, or SIGTERM, which is how Vertex AI reclaims a Spot VM (reported as {@code
 * preempted}, after a checkpoint). Arguments: {@code --request PATH --result PATH --progress PATH
 * --failure PATH --epochs PATH}, paths under {@code ARTIFACT_ROOT}; environment: {@code ARTIFACT_ROOT} (and {@code GCS_ENDPOINT} for an emulator).
 */
public final class VertexTrainerMain {
  private static final Logger log = LoggerFactory.getLogger(VertexTrainerMain.class);
  /** The progress file is rewritten at most this often: each write is a Cloud Storage request. */
  static final long PROGRESS_EVERY_MILLIS = 10_000;
  /** How long SIGTERM waits for the checkpoint and the failure file (Spot gives about 30 s). */
  private static final long SHUTDOWN_GRACE_SECONDS = 25;

  private VertexTrainerMain() {}

  public static void main(String[] args) {
    ArtifactStore store = ArtifactStores.open(requireEnv("ARTIFACT_ROOT"), System.getenv("GCS_ENDPOINT"));
    AtomicBoolean terminating = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  terminating.set(true);
                  try {
                    finished.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "sigterm-checkpoint"));
    int code;
    try {
      code = run(store, args, terminating::get, System::currentTimeMillis);
    } finally {
      finished.countDown();
    }
    if (!terminating.get()) {
      System.exit(code); // during shutdown the JVM is already exiting; exit() would block on the hook
    }
  }

  /** Trains the request and writes the result or the failure file; 0 on success. */
  static int run(ArtifactStore store, String[] args, BooleanSupplier terminating, LongSupplier clock) {
    Map<String, String> files = arguments(args);
    TrainingRequest request = VertexJson.read(store.read(store.uriOf(files.get("--request"))), TrainingRequest.class);
    GpuConfig gpu = request.effectiveCapacity();
    String identity = "vertex:" + System.getenv().getOrDefault("CLOUD_ML_JOB_ID", "job") + ":" + ProcessHandle.current().pid();
    TrainingHeartbeat[] last = {new TrainingHeartbeat(0, 0, request.resumeFromCheckpointUri())};
    long[] writtenAt = {Long.MIN_VALUE};
    try {
      if (gpu != null && gpu.wantsGpu()) {
        GpuDevices.require(gpu);
      }
      AttemptGuard guard = new AttemptGuard(request, request.resumeFromCheckpointUri(), clock);
      List<EpochMetrics> finished = new ArrayList<>();
      // the activity polling the job relays each new epoch to the run workflow
      EpochReporter epochs =
          (workflowId, metrics) -> {
            finished.add(metrics);
            store.write(files.get("--epochs"), VertexJson.write(finished));
            log.info("epoch {}: train loss {}, validation loss {}", metrics.epoch(), metrics.trainLoss(), metrics.validationLoss());
          };
      TrainingResult result =
          new TwoTowerTrainer(
                  store,
                  guard.reporter(epochs),
                  guard.progress(
                      beat -> {
                        boolean newCheckpoint = beat.lastCheckpointUri() != null && !beat.lastCheckpointUri().equals(last[0].lastCheckpointUri());
                        last[0] = beat;
                        long now = clock.getAsLong();
                        if (newCheckpoint || now - writtenAt[0] >= PROGRESS_EVERY_MILLIS) {
                          store.write(files.get("--progress"), VertexJson.write(beat));
                          writtenAt[0] = now;
                        }
                        if (terminating.getAsBoolean()) {
                          throw new TrainingInterruption(
                              FailureReason.PREEMPTED, "the trainer got SIGTERM (a reclaimed Spot VM or a stopped job)");
                        }
                      }))
              .train(request, request.resumeFromCheckpointUri(), identity);
      store.write(files.get("--result"), VertexJson.write(result));
      log.info("trained {} epochs; result at {}", result.epochsCompleted(), files.get("--result"));
      return 0;
    } catch (TrainingInterruption stopped) {
      TrainingHeartbeat at = stopped.heartbeat() != null ? stopped.heartbeat() : last[0];
      store.write(files.get("--failure"), VertexJson.write(new TrainerFailure(stopped.reason().type(), stopped.getMessage(), at)));
      log.warn("training stopped ({}): {}", stopped.reason().type(), stopped.getMessage());
      return 1;
    } catch (io.temporal.failure.ApplicationFailure refused) {
      // GpuDevices and the trainer refuse with typed failures (gpu_unavailable, invalid_config, ...)
      store.write(files.get("--failure"), VertexJson.write(new TrainerFailure(refused.getType(), refused.getOriginalMessage(), last[0])));
      log.warn("training refused ({}): {}", refused.getType(), refused.getOriginalMessage());
      return 1;
    }
  }

  static Map<String, String> arguments(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      values.put(args[i], args[i + 1]);
    }
    for (String name : new String[] {"--request", "--result", "--progress", "--failure", "--epochs"}) {
      if (values.get(name) == null || values.get(name).isBlank()) {
        throw new IllegalArgumentException(name + " is required: " + VertexTrainerMain.class.getSimpleName()
            + " --request PATH --result PATH --progress PATH --failure PATH --epochs PATH (under ARTIFACT_ROOT)");
      }
    }
    return values;
  }

  private static String requireEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required: the artifact store the job's files are in");
    }
    return value;
  }
}
