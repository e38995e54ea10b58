package dev.trainflow.api.runtime;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.compile.CompileActivitiesImpl;
import dev.trainflow.activities.data.DataActivitiesImpl;
import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.pipelines.PipelineDataActivitiesImpl;
import dev.trainflow.activities.persistence.PipelineRepository;
import dev.trainflow.activities.pipelines.PipelineRecordActivitiesImpl;
import dev.trainflow.activities.persistence.RunInputResolver;
import dev.trainflow.activities.persistence.RunProjection;
import dev.trainflow.activities.observability.ScheduleMeters;
import dev.trainflow.activities.persistence.ScheduleRepository;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.activities.logs.RunLogInterceptor;
import dev.trainflow.activities.records.RunBeforeProjectionQuery;
import dev.trainflow.activities.records.RunProgressListener;
import dev.trainflow.activities.records.RunRecordActivitiesImpl;
import dev.trainflow.activities.schedules.ScheduleRecordActivitiesImpl;
import dev.trainflow.activities.tuning.TuningRecordActivitiesImpl;
import dev.trainflow.deploy.DeployActivitiesImpl;
import dev.trainflow.deploy.endpoint.EndpointManager;
import dev.trainflow.worker.EvaluationActivitiesImpl;
import dev.trainflow.worker.TabularTrainingActivitiesImpl;
import dev.trainflow.worker.WorkflowFoldReporter;
import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.run.TrainingRunWorkflowImpl;
import dev.trainflow.workflows.spec.PriceSheet;
import dev.trainflow.workflows.pipeline.TrainingPipelineWorkflowImpl;
import dev.trainflow.workflows.schedule.TrainingScheduleWorkflowImpl;
import dev.trainflow.workflows.tuning.TuningWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-process workers: {@code orchestration} (the run and schedule workflows and their database
 * work), {@code data} (compile, data stages, evaluation, registry, deploy), unless {@code
 * EMBEDDED_GPU_WORKER=false} {@code gpu} (TensorFlow training), and unless {@code
 * EMBEDDED_CPU_WORKER=false} {@code cpu} (tabular training, {@code CPU_WORKER_SLOTS} at once). Built here rather than from the starter's
 * worker properties so the gpu queue can be switched off and every worker gets the options below.
 */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

  @Bean
  TemporalWorkers temporalWorkers(
      WorkflowClient client,
      TrainflowSettings settings,
      ArtifactStore store,
      RunProjection projection,
      DatasetRepository datasets,
      PriceSheet prices,
      TrainingRunRepository runs,
      ScheduleRepository schedules,
      RunInputResolver runInputs,
      RunBeforeProjectionQuery runsBeforeProjection,
      List<RunProgressListener> runListeners,
      RunLogInterceptor runLogs,
      ScheduleMeters scheduleMeters,
      TrainingBackend training,
      RegistryBackend registryBackend,
      EndpointManager endpoints,
      PipelineRecordActivitiesImpl pipelineRecords,
      PipelineDataActivitiesImpl pipelineData,
      PipelineRepository pipelines,
      TuningRecordActivitiesImpl tuningRecords) {
    // runLogs: every activity line carries its run's MDC, and stage lines go to the run's log
    WorkerFactory factory =
        WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder().setWorkerInterceptors(runLogs).build());
    WorkerOptions options = workerOptions(settings).build();
    List<Worker> workers = new ArrayList<>();

    Worker orchestration = factory.newWorker(TaskQueues.ORCHESTRATION, options);
    orchestration.registerWorkflowImplementationTypes(
        TrainingRunWorkflowImpl.class, TrainingScheduleWorkflowImpl.class, TrainingPipelineWorkflowImpl.class,
        TuningWorkflowImpl.class);
    // runListeners: metrics and the audit log observe each projection of a run
    orchestration.registerActivitiesImplementations(
        new RunRecordActivitiesImpl(projection, datasets, runsBeforeProjection, runListeners),
        new ScheduleRecordActivitiesImpl(runs, schedules, runInputs, scheduleMeters, pipelines),
        pipelineRecords,
        tuningRecords);
    workers.add(orchestration);

    Worker data = factory.newWorker(TaskQueues.DATA, options);
    data.registerActivitiesImplementations(
        new CompileActivitiesImpl(store, prices),
        new DataActivitiesImpl(store),
        new EvaluationActivitiesImpl(store),
        // MODEL_REGISTRY: PostgreSQL only, or also the Vertex AI Model Registry (RegistryBackendConfiguration)
        registryBackend.activities(),
        new DeployActivitiesImpl(endpoints),
        pipelineData);
    workers.add(data);

    if (settings.workers().embeddedGpu()) {
      // local: one training at a time, as on a standalone gpu worker (GpuWorkerOptions); vertex: jobs it polls
      Worker gpu =
          factory.newWorker(
              TaskQueues.GPU, workerOptions(settings).setMaxConcurrentActivityExecutionSize(training.maxConcurrentAttempts()).build());
      // TRAINING_BACKEND: trains here, or submits Vertex AI custom jobs (TrainingBackendConfiguration)
      gpu.registerActivitiesImplementations(training.activities());
      workers.add(gpu);
    }
    if (settings.workers().embeddedCpu()) {
      Worker cpu =
          factory.newWorker(
              TaskQueues.CPU, workerOptions(settings).setMaxConcurrentActivityExecutionSize(settings.workers().cpuSlots()).build());
      cpu.registerActivitiesImplementations(new TabularTrainingActivitiesImpl(store, new WorkflowFoldReporter(client)));
      workers.add(cpu);
    }
    return new TemporalWorkers(factory, workers);
  }

  @Bean
  PriceSheet priceSheet(PricingSettings pricing) {
    return pricing.priceSheet();
  }

  /**
   * On the embedded test server a worker must not keep a sticky queue: a workflow cached by a
   * killed worker would hang forever (a real cluster falls back on its own). Heartbeats reach the
   * server within 500 ms, so cancellation and the last checkpoint are seen quickly.
   */
  private static WorkerOptions.Builder workerOptions(TrainflowSettings settings) {
    WorkerOptions.Builder builder =
        WorkerOptions.newBuilder()
            .setMaxHeartbeatThrottleInterval(Duration.ofMillis(500))
            // a first workflow task that loads classes on a busy 2-core machine can take over the 1 s default
            .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(5).toMillis());
    if (settings.temporal().embedded()) {
      builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    return builder;
  }
}
