package dev.trainflow.activities.vertex;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.aiplatform.v1.CustomJob;
import com.google.rpc.Code;
import dev.trainflow.workflows.FailureReason;
import dev.trainflow.workflows.TrainingFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;

/**
 * Vertex AI's errors in the run's failure taxonomy. Quota and capacity ({@code RESOURCE_EXHAUSTED},
 * a stockout) are {@code gpu_unavailable}, which is not retried: a quota does not grow within a
 * retry's backoff, and the workflow's capacity ladder or the user picks another GPU or region. A
 * reclaimed Spot VM is {@code preempted} (retried from the last checkpoint, on demand after
 * repeated preemptions); an unreachable service is {@code transient_io}; a request Vertex AI
 * refuses is {@code invalid_config}.
 */
public final class VertexJobFailures {
  private VertexJobFailures() {}

  /** A failed call (create, get, cancel): the gRPC status decides. */
  public static ApplicationFailure fromCall(String what, ApiException e) {
    Code code = Code.valueOf(e.getStatusCode().getCode().name()); // gax names the gRPC codes
    // a call cancelled on the wire is not the run's cancellation
    FailureReason reason = code == Code.CANCELLED ? FailureReason.TRANSIENT_IO : reasonFor(code, e.getMessage());
    return TrainingFailures.of(reason, what + ": " + describe(code, e.getMessage()), e);
  }

  /** A job that ended without success: its state, then its error status. */
  public static ApplicationFailure fromJob(CustomJob job) {
    String name = job.getName();
    return switch (job.getState()) {
      case JOB_STATE_CANCELLED -> TrainingFailures.of(FailureReason.CANCELLED, "Vertex AI job " + name + " was cancelled");
      case JOB_STATE_EXPIRED ->
          TrainingFailures.of(FailureReason.TIMEOUT_EXCEEDED, "Vertex AI job " + name + " ran past its timeout");
      default -> {
        Code code = job.hasError() ? Code.forNumber(job.getError().getCode()) : Code.UNKNOWN;
        String message = job.hasError() ? job.getError().getMessage() : "no error given";
        yield TrainingFailures.of(
            reasonFor(code == null ? Code.UNKNOWN : code, message),
            "Vertex AI job " + name + " " + job.getState().name().toLowerCase(Locale.ROOT).replace("job_state_", "")
                + ": " + describe(code, message));
      }
    };
  }

  static FailureReason reasonFor(Code code, String message) {
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (lower.contains("preempt") || lower.contains("spot vm") && lower.contains("reclaim")) {
      return FailureReason.PREEMPTED;
    }
    if (lower.contains("non-zero status") || lower.contains("exited with")) {
      // the trainer died without writing why (it writes a failure file when it stops itself)
      return FailureReason.INTERNAL;
    }
    if (code == null) {
      return FailureReason.INTERNAL;
    }
    return switch (code) {
      case RESOURCE_EXHAUSTED -> FailureReason.GPU_UNAVAILABLE;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
          UNAUTHENTICATED, UNIMPLEMENTED -> FailureReason.INVALID_CONFIG;
      case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED -> FailureReason.TRANSIENT_IO;
      case CANCELLED -> FailureReason.CANCELLED;
      default -> FailureReason.INTERNAL;
    };
  }

  private static String describe(Code code, String message) {
    String hint =
        code == Code.RESOURCE_EXHAUSTED
            ? " (GPU quota or capacity in the region: request quota for the accelerator, or choose another gpu_type or GCP_REGION)"
            : code == Code.PERMISSION_DENIED || code == Code.UNAUTHENTICATED
                ? " (the credentials need roles/aiplatform.user and access to the artifact and staging buckets)"
                : "";
    return (code == null ? "UNKNOWN" : code.name()) + " " + message + hint;
  }
}
