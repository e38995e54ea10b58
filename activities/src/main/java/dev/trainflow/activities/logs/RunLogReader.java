package dev.trainflow.activities.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainflow.activities.JsonCodec;
import dev.trainflow.activities.artifacts.ArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a run's stage logs back from the artifact store. */
public final class RunLogReader {
  private final ArtifactStore store;

  public RunLogReader(ArtifactStore store) {
    this.store = store;
  }

  /** One stage attempt's log, the last {@code tail} lines of it. */
  public record StageLog(String stage, int attempt, String uri, List<RunLogLine> lines) {}

  /** @return empty when that stage attempt wrote no log */
  public Optional<StageLog> read(RunLogKey key, int tail) {
    String uri = store.uriOf(key.path());
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    String[] raw = new String(store.read(uri), StandardCharsets.UTF_8).split("\n");
    ObjectMapper json = JsonCodec.mapper();
    List<RunLogLine> lines = new ArrayList<>();
    for (int i = Math.max(0, raw.length - tail); i < raw.length; i++) {
      if (raw[i].isBlank()) {
        continue;
      }
      try {
        lines.add(json.readValue(raw[i], RunLogLine.class));
      } catch (IOException e) {
        // a line cut by a crash mid-write: keep what it says
        lines.add(new RunLogLine(null, "UNKNOWN", null, null, raw[i], null));
      }
    }
    return Optional.of(new StageLog(key.stage(), key.attempt(), uri, lines));
  }
}
