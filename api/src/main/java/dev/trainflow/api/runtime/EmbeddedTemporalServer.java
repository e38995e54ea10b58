package dev.trainflow.api.runtime;

import io.temporal.testserver.TestServer;
import java.io.Closeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server, bound to a TCP port so that standalone worker processes can join.
 * It keeps its state in memory: workflows do not survive a restart of this process.
 */
public final class EmbeddedTemporalServer implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final int port;
  private final Closeable server;

  public EmbeddedTemporalServer(int port) {
    this.port = port;
    // true: time skipping off, timers run on the wall clock
    this.server = TestServer.createPortBoundServer(port, true);
    log.warn(
        "embedded Temporal test server listening on port {} on ALL interfaces, without TLS or auth:"
            + " keep that port closed to untrusted networks (set TEMPORAL_ADDRESS to use a real cluster)",
        port);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (java.io.IOException e) {
      log.warn("embedded Temporal server did not close cleanly: {}", e.getMessage());
    }
  }
}
