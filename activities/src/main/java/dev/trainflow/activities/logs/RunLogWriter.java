package dev.trainflow.activities.logs;

import dev.trainflow.activities.artifacts.ArtifactStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the open stage attempts' logs to the artifact store every {@code flushInterval} while they
 * run (so a long training's log can be read while it trains) and once more when each ends.
 */
public final class RunLogWriter implements AutoCloseable {
  public static final int DEFAULT_MAX_LINES = 2000;
  public static final int DEFAULT_MAX_LINE_CHARS = 4000;
  private static final Logger log = LoggerFactory.getLogger(RunLogWriter.class);

  private final ArtifactStore store;
  private final String worker;
  private final int maxLines;
  private final int maxLineChars;
  private final Set<RunLogSession> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService flusher;

  public RunLogWriter(ArtifactStore store, String worker, Duration flushInterval, int maxLines, int maxLineChars) {
    this.store = store;
    this.worker = worker;
    this.maxLines = maxLines;
    this.maxLineChars = maxLineChars;
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "run-log-flusher");
              t.setDaemon(true);
              return t;
            });
    long millis = flushInterval.toMillis();
    flusher.scheduleWithFixedDelay(this::flushOpen, millis, millis, TimeUnit.MILLISECONDS);
  }

  public RunLogWriter(ArtifactStore store, String worker) {
    this(store, worker, Duration.ofSeconds(5), DEFAULT_MAX_LINES, DEFAULT_MAX_LINE_CHARS);
  }

  RunLogSession open(RunLogKey key) {
    RunLogSession session = new RunLogSession(key, worker, maxLines, maxLineChars);
    open.add(session);
    return session;
  }

  void close(RunLogSession session) {
    open.remove(session);
    flush(session);
  }

  private void flushOpen() {
    open.forEach(this::flush);
  }

  /** A log that cannot be written must never fail the stage it describes. */
  private void flush(RunLogSession session) {
    try {
      session.flush(store);
    } catch (RuntimeException e) {
      log.warn("cannot write the log of run {} stage {} attempt {}: {}",
          session.key().runId(), session.key().stage(), session.key().attempt(), e.getMessage());
    }
  }

  @Override
  public void close() {
    flusher.shutdown();
    flushOpen();
  }
}
