package dev.trainflow.activities.logs;

import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The lines of one stage attempt while it runs. Bounded: it keeps the last {@code maxLines} lines
 * (each cut at {@code maxLineChars}) and says how many earlier ones it dropped, so a chatty or
 * endless activity cannot fill the artifact store.
 */
final class RunLogSession {
  private final RunLogKey key;
  private final String worker;
  private final int maxLines;
  private final int maxLineChars;
  private final Deque<RunLogLine> lines = new ArrayDeque<>();
  private long dropped;
  private boolean dirty;

  RunLogSession(RunLogKey key, String worker, int maxLines, int maxLineChars) {
    this.key = key;
    this.worker = worker;
    this.maxLines = maxLines;
    this.maxLineChars = maxLineChars;
  }

  RunLogKey key() {
    return key;
  }

  synchronized void add(Instant at, String level, String logger, String thread, String message) {
    String text = LogRedaction.redact(message);
    if (text != null && text.length() > maxLineChars) {
      text = text.substring(0, maxLineChars) + "... (" + (text.length() - maxLineChars) + " more characters)";
    }
    lines.addLast(new RunLogLine(at, level, logger, thread, text, worker));
    while (lines.size() > maxLines) {
      lines.removeFirst();
      dropped++;
    }
    dirty = true;
  }

  /** Writes the whole file again (artifact stores replace atomically; they cannot append). */
  void flush(ArtifactStore store) {
    byte[] content;
    synchronized (this) {
      if (!dirty) {
        return;
      }
      StringBuilder out = new StringBuilder();
      if (dropped > 0) {
        RunLogLine first = lines.peekFirst();
        out.append(JsonCodec.toJson(new RunLogLine(first == null ? Instant.now() : first.timestamp(), "WARN",
            RunLogSession.class.getName(), null, dropped + " earlier line(s) dropped: a stage attempt keeps its last "
                + maxLines + " lines", worker))).append('\n');
      }
      for (RunLogLine line : lines) {
        out.append(JsonCodec.toJson(line)).append('\n');
      }
      content = out.toString().getBytes(StandardCharsets.UTF_8);
      dirty = false;
    }
    store.write(key.path(), content);
  }
}
