package dev.trainflow.workflows.run;

import dev.trainflow.workflows.PayloadConverters;
import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.activities.TrainingActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The run workflow on Temporal's test server with fake stage activities and a trainer of the
 * test's choosing, one worker per task queue as in production. Real time, not skipped: trainers
 * heartbeat in real time and cancellation and heartbeat timeouts ride on that.
 */
final class RunWorkflowTestEnvironment implements AutoCloseable {
  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final List<String> calls = new CopyOnWriteArrayList<>();
  final FakeStageActivities stages = new FakeStageActivities(calls);
  final FakeRunRecords records = new FakeRunRecords(calls);
  final List<String> startedWorkflows = new CopyOnWriteArrayList<>();

  RunWorkflowTestEnvironment(Function<WorkflowClient, TrainingActivities> trainer) {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(PayloadConverters.dataConverter()).build())
                .build());
    client = env.getWorkflowClient();
    WorkerOptions options = WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofMillis(200)).build();
    Worker orchestration = env.newWorker(TaskQueues.ORCHESTRATION, options);
    orchestration.registerWorkflowImplementationTypes(TrainingRunWorkflowImpl.class);
    orchestration.registerActivitiesImplementations(records);
    env.newWorker(TaskQueues.DATA, options).registerActivitiesImplementations(stages);
    env.newWorker(TaskQueues.GPU, options).registerActivitiesImplementations(trainer.apply(client));
    env.start();
  }

  TrainingRunWorkflow stub(long runId) {
    startedWorkflows.add(TrainingRunInput.workflowId(runId));
    return client.newWorkflowStub(
        TrainingRunWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(TrainingRunInput.workflowId(runId))
            .setTaskQueue(TaskQueues.ORCHESTRATION)
            .build());
  }

  /** Records the started workflows' histories for the replay tests, when asked to. */
  void recordHistories(String name) {
    startedWorkflows.forEach(id -> HistoryRecorder.record(client, id, name));
  }

  @Override
  public void close() {
    env.close();
  }
}
