package dev.trainflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.trainflow.workflows.TaskQueues;
import dev.trainflow.workflows.activities.EpochMetrics;
import dev.trainflow.workflows.run.RunProgress;
import dev.trainflow.workflows.run.TrainingRunInput;
import dev.trainflow.workflows.run.TrainingRunWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkflowEpochReporterTests {
  TestWorkflowEnvironment environment;
  WorkflowClient client;

  @BeforeEach
  void start() {
    environment = TestWorkflowEnvironment.newInstance();
    environment.newWorker(TaskQueues.ORCHESTRATION).registerWorkflowImplementationTypes(EpochRecordingRunWorkflow.class);
    environment.start();
    client = environment.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  @Test
  void shouldSignalEachEpochToTheRunWorkflow() {
    String workflowId = TrainingRunInput.workflowId(77);
    TrainingRunWorkflow run =
        client.newWorkflowStub(
            TrainingRunWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TaskQueues.ORCHESTRATION).build());
    WorkflowClient.start(run::run, input(77));
    EpochMetrics second = epoch(2);

    WorkflowEpochReporter reporter = new WorkflowEpochReporter(client);
    reporter.report(workflowId, epoch(1));
    reporter.report(workflowId, second);

    RunProgress finished = client.newUntypedWorkflowStub(workflowId).getResult(RunProgress.class);
    assertThat(finished.latestEpoch()).isEqualTo(second);
    assertThat(finished.currentEpoch()).isEqualTo(2);
  }

  @Test
  void shouldNotFailTrainingWhenTheWorkflowIsGone() {
    WorkflowEpochReporter reporter = new WorkflowEpochReporter(client);

    assertThatCode(() -> reporter.report("training-run-404", epoch(1))).doesNotThrowAnyException();
  }

  private static EpochMetrics epoch(int epoch) {
    return new EpochMetrics(epoch, 5.0 - epoch, 5.1 - epoch, 0.1, 0.2, 0.5, 0.7, 0.1, 1000.0, 1.5);
  }

  private static TrainingRunInput input(long runId) {
    return new TrainingRunInput(runId, "run", 1, "model", 1, 1, "data", null, 1, null, 1, null, null, null, null, null, null, null);
  }
}
