package dev.trainflow.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The options of the pipeline and tuning workflows' database work on the orchestration queue:
 * short attempts, retried until the database answers, within a bound (20 attempts, backing off to
 * 30 s apart), so a database that stays down fails the workflow's step instead of hiding it.
 */
public final class RecordActivityOptions {
  private RecordActivityOptions() {}

  public static ActivityOptions bounded() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.ORCHESTRATION)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(20)
                .build())
        .build();
  }
}
