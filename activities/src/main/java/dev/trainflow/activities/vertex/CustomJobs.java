package dev.trainflow.activities.vertex;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.ContainerSpec;
import com.google.cloud.aiplatform.v1.CustomJob;
import com.google.cloud.aiplatform.v1.CustomJobSpec;
import com.google.cloud.aiplatform.v1.EnvVar;
import com.google.cloud.aiplatform.v1.GcsDestination;
import com.google.cloud.aiplatform.v1.MachineSpec;
import com.google.cloud.aiplatform.v1.Scheduling;
import com.google.cloud.aiplatform.v1.WorkerPoolSpec;
import com.google.protobuf.Duration;
import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.spec.GpuConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom job of one training attempt: one worker pool of one replica on the attempt's machine
 * with its GPU (GPUs come only from the pool's machine spec), running the GPU worker image's
 * one-shot trainer on the files in {@link VertexJobFiles}, on Spot capacity when the attempt is
 * preemptible.
 */
public final class CustomJobs {
  /** The worker image's main class for one Vertex AI job, instead of the Temporal worker. */
  public static final String TRAINER_MAIN = "dev.trainflow.worker.VertexTrainerMain";
  /** Where ops/docker/worker-gpu.Dockerfile puts the worker's executable jar. */
  public static final String TRAINER_JAR = "/app/trainflow-worker-gpu.jar";
  /**
   * The image's entry point runs the Temporal worker; the job replaces it with Spring Boot's
   * PropertiesLauncher on the same jar, which starts any main class in it ({@code loader.main}).
   */
  public static final List<String> TRAINER_COMMAND =
      List.of("java", "-XX:MaxRAMPercentage=75", "-Dloader.main=" + TRAINER_MAIN, "-cp", TRAINER_JAR,
          "org.springframework.boot.loader.launch.PropertiesLauncher");
  /**
   * Vertex AI stops a job at its timeout; the trainer checkpoints at the run's deadline, so the job
   * gets this much more to write the checkpoint and its failure file before it is killed.
   */
  static final long DEADLINE_GRACE_SECONDS = 600;

  private CustomJobs() {}

  /**
   * @param stagingBucket gs://bucket[/prefix] under which the job's base output directory lies
   * @param artifactRoot the artifact store's root URI (gs://...), the trainer's {@code ARTIFACT_ROOT}
   * @param files the request, result, progress, failure and epochs files, paths under {@code artifactRoot}
   */
  public static CustomJob build(
      TrainingRequest request,
      VertexSettings settings,
      String stagingBucket,
      String artifactRoot,
      VertexJobFiles files,
      long nowMillis) {
    GpuConfig capacity = request.effectiveCapacity().withDefaults();
    MachineSpec.Builder machine = MachineSpec.newBuilder().setMachineType(capacity.machineType());
    if (capacity.wantsGpu()) {
      machine.setAcceleratorType(AcceleratorType.valueOf(capacity.gpuType())).setAcceleratorCount(capacity.gpuCount());
    }
    ContainerSpec container =
        ContainerSpec.newBuilder()
            .setImageUri(settings.trainerImage())
            .addAllCommand(TRAINER_COMMAND)
            .addAllArgs(
                List.of("--request", files.request(), "--result", files.result(), "--progress",
                    files.progress(), "--failure", files.failure(), "--epochs", files.epochs()))
            .addEnv(env("ARTIFACT_ROOT", artifactRoot))
            // TensorFlow's pooling CPU allocator: read by native code, so only the environment can set it
            .addEnv(env("TF_CPU_ALLOCATOR_USE_BFC", "true"))
            .build();
    CustomJobSpec.Builder spec =
        CustomJobSpec.newBuilder()
            .addWorkerPoolSpecs(
                WorkerPoolSpec.newBuilder().setMachineSpec(machine).setReplicaCount(1).setContainerSpec(container))
            .setBaseOutputDirectory(GcsDestination.newBuilder().setOutputUriPrefix(baseOutput(request, stagingBucket)));
    if (settings.serviceAccount() != null) {
      spec.setServiceAccount(settings.serviceAccount());
    }
    Scheduling.Builder scheduling = Scheduling.newBuilder();
    if (Boolean.TRUE.equals(capacity.preemptible())) {
      scheduling.setStrategy(Scheduling.Strategy.SPOT);
    }
    if (request.deadlineEpochMillis() != null) {
      long seconds = Math.max(60, (request.deadlineEpochMillis() - nowMillis) / 1000) + DEADLINE_GRACE_SECONDS;
      scheduling.setTimeout(Duration.newBuilder().setSeconds(seconds));
    }
    if (!scheduling.build().equals(Scheduling.getDefaultInstance())) {
      spec.setScheduling(scheduling);
    }
    return CustomJob.newBuilder()
        .setDisplayName(displayName(request))
        .setJobSpec(spec)
        .putAllLabels(labels(request))
        .build();
  }

  /** {@code trainflow-run-17-attempt-2}: what the console lists. */
  public static String displayName(TrainingRequest request) {
    return "trainflow-run-" + request.run().runId() + "-attempt-" + VertexJobFiles.attempt(request);
  }

  static Map<String, String> labels(TrainingRequest request) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("trainflow_run_id", Long.toString(request.run().runId()));
    labels.put("trainflow_attempt", Integer.toString(VertexJobFiles.attempt(request)));
    labels.put("trainflow_model", request.run().mlModelName());
    return VertexLabels.of(labels);
  }

  private static String baseOutput(TrainingRequest request, String bucket) {
    return (bucket.endsWith("/") ? bucket : bucket + "/") + "trainflow/run-" + request.run().runId() + "/attempt-"
        + VertexJobFiles.attempt(request) + "/";
  }

  private static EnvVar env(String name, String value) {
    return EnvVar.newBuilder().setName(name).setValue(value).build();
  }
}
