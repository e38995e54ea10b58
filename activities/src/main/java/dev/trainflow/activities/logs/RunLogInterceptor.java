package dev.trainflow.activities.logs;

import dev.trainflow.workflows.activities.TrainingRequest;
import dev.trainflow.workflows.run.RunProgress;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts {@code run_id}, {@code workflow_id}, {@code stage} and {@code attempt} in the MDC of every
 * activity of a run (so each of its log lines carries them, in the JSON logs too), and captures
 * the stage activities' lines into the run's log in the artifact store.
 *
 * <p>{@code attempt} is the workflow's training attempt for the Train stage (the SDK's attempt is
 * always 1 there, the workflow retries), the SDK's attempt for the other stages.
 */
public final class RunLogInterceptor extends WorkerInterceptorBase {
  public static final String RUN_ID = "run_id";
  public static final String WORKFLOW_ID = "workflow_id";
  public static final String STAGE = "stage";
  public static final String ATTEMPT = "attempt";
  private static final String RUN_WORKFLOW_PREFIX = "training-run-";
  private static final Logger log = LoggerFactory.getLogger(RunLogInterceptor.class);
  /** Activity types of the run's stages; the projections of the orchestration queue are no stage. */
  private static final Map<String, String> STAGES =
      Map.of(
          "compile", "compile",
          "prepareexamples", "examples",
          "computestatistics", "statistics",
          "validateschema", "schema",
          "fittransform", "transform",
          "train", "train",
          "evaluate", "evaluate",
          "registermodel", "register",
          "deploymodel", "deploy");

  private final RunLogWriter writer;

  /** @param writer where stage logs go; null to set the MDC only */
  public RunLogInterceptor(RunLogWriter writer) {
    this.writer = writer;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new StageActivity(next);
  }

  private final class StageActivity extends ActivityInboundCallsInterceptorBase {
    private ActivityExecutionContext context;

    StageActivity(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      this.context = context;
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      ActivityInfo info = context.getInfo();
      Long runId = runId(info.getWorkflowId());
      String stage = STAGES.get(info.getActivityType().toLowerCase(Locale.ROOT));
      int attempt = attempt(info, input.getArguments());
      String mdcStage = stage != null ? stage : currentStage(input.getArguments());
      MDC.put(WORKFLOW_ID, info.getWorkflowId());
      if (runId != null) {
        MDC.put(RUN_ID, Long.toString(runId));
      }
      if (mdcStage != null) {
        MDC.put(STAGE, mdcStage);
      }
      MDC.put(ATTEMPT, Integer.toString(attempt));
      RunLogSession session = null;
      if (writer != null && runId != null && stage != null) {
        RunLogAppender.ensureAttached();
        session = writer.open(new RunLogKey(runId, stage, attempt));
        RunLogAppender.bind(session);
      }
      long started = System.nanoTime();
      try {
        if (session != null) {
          log.info("stage {} attempt {} started: activity {} on task queue {}", stage, attempt, info.getActivityType(),
              info.getActivityTaskQueue());
        }
        ActivityOutput output = super.execute(input);
        if (session != null) {
          log.info("stage {} attempt {} finished in {} s", stage, attempt, seconds(started));
        }
        return output;
      } catch (RuntimeException | Error e) {
        if (session != null) {
          log.warn("stage {} attempt {} failed after {} s: {}", stage, attempt, seconds(started), e.getMessage());
        }
        throw e;
      } finally {
        RunLogAppender.unbind();
        if (session != null) {
          writer.close(session);
        }
        MDC.remove(WORKFLOW_ID);
        MDC.remove(RUN_ID);
        MDC.remove(STAGE);
        MDC.remove(ATTEMPT);
      }
    }
  }

  private static String seconds(long startedNanos) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startedNanos) / 1e9);
  }

  static Long runId(String workflowId) {
    if (workflowId == null || !workflowId.startsWith(RUN_WORKFLOW_PREFIX)) {
      return null;
    }
    try {
      return Long.parseLong(workflowId.substring(RUN_WORKFLOW_PREFIX.length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int attempt(ActivityInfo info, Object[] arguments) {
    for (Object argument : arguments) {
      if (argument instanceof TrainingRequest request && request.attempt() != null) {
        return request.attempt();
      }
    }
    return info.getAttempt();
  }

  /** A projection carries the run's snapshot: its lines belong to the run's current stage. */
  private static String currentStage(Object[] arguments) {
    for (Object argument : arguments) {
      if (argument instanceof RunProgress progress && progress.currentStage() != null) {
        return progress.currentStage().value();
      }
    }
    return null;
  }
}
