package dev.trainflow.workflows.spec;

/**
 * How the run workflow retries a failed training attempt. Errors and preemptions have separate
 * budgets: a preempted attempt never uses up a retry meant for a real error.
 *
 * @param maxRetries retries after errors ({@code worker_lost}, {@code transient_io}, unexpected)
 * @param maxPreemptions preemptions tolerated before the run fails
 * @param onDemandAfterPreemptions consecutive preemptions after which a preemptible run falls back
 *     to on-demand capacity
 */
public record RetryPolicy(
    Integer maxRetries,
    Double initialDelaySeconds,
    Double backoffMultiplier,
    Double maxDelaySeconds,
    Integer maxPreemptions,
    Integer onDemandAfterPreemptions) {

  public static final int DEFAULT_MAX_RETRIES = 2;
  public static final double DEFAULT_INITIAL_DELAY_SECONDS = 60;
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 2;
  public static final double DEFAULT_MAX_DELAY_SECONDS = 600;
  public static final int DEFAULT_MAX_PREEMPTIONS = 10;
  public static final int DEFAULT_ON_DEMAND_AFTER_PREEMPTIONS = 3;

  public RetryPolicy withDefaults() {
    return new RetryPolicy(
        maxRetries != null ? maxRetries : DEFAULT_MAX_RETRIES,
        initialDelaySeconds != null ? initialDelaySeconds : DEFAULT_INITIAL_DELAY_SECONDS,
        backoffMultiplier != null ? backoffMultiplier : DEFAULT_BACKOFF_MULTIPLIER,
        maxDelaySeconds != null ? maxDelaySeconds : DEFAULT_MAX_DELAY_SECONDS,
        maxPreemptions != null ? maxPreemptions : DEFAULT_MAX_PREEMPTIONS,
        onDemandAfterPreemptions != null ? onDemandAfterPreemptions : DEFAULT_ON_DEMAND_AFTER_PREEMPTIONS);
  }

  /** The wait before retry number {@code n} (1-based): initial × multiplier^(n-1), capped. */
  public double delaySeconds(int n) {
    double delay = initialDelaySeconds * Math.pow(backoffMultiplier, Math.max(0, n - 1));
    return Math.min(delay, maxDelaySeconds);
  }
}
