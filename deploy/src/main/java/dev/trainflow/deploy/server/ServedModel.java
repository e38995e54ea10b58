package dev.trainflow.deploy.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model a server serves: the highest version under {@code MODEL_PATH}, reloaded when that
 * changes (a new version folder appears, or the highest is removed). A new version is loaded and
 * warmed up beside the old one, then swapped in atomically; the old one closes once the requests
 * still running on it finish. A version that fails to load is logged once and retried only when
 * the folder changes.
 */
final class ServedModel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServedModel.class);

  private final String name;
  private final Path modelPath;
  private final long defaultVersion;
  private final int intraOpThreads;
  private final AtomicReference<ServableVersion> current = new AtomicReference<>();
  private final ScheduledExecutorService poller;
  /** The version and folder that last failed to load, so a broken folder is not reloaded every poll. */
  private volatile Map.Entry<Long, Path> lastFailure;

  private ServedModel(String name, Path modelPath, long defaultVersion, int intraOpThreads, Duration pollInterval) {
    this.name = name;
    this.modelPath = modelPath;
    this.defaultVersion = defaultVersion;
    this.intraOpThreads = intraOpThreads;
    if (pollInterval.isZero()) {
      this.poller = null;
    } else {
      this.poller =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "model-version-poller");
                t.setDaemon(true);
                return t;
              });
    }
  }

  /** Loads the highest version now (failing when there is none) and then polls for new ones. */
  static ServedModel load(String name, Path modelPath, long defaultVersion, int intraOpThreads, Duration pollInterval) {
    NavigableMap<Long, Path> versions = ModelFolders.versions(modelPath, defaultVersion);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException(
          "MODEL_PATH " + modelPath + " holds no SavedModel or tabular model: expected saved_model.pb, saved_model/saved_model.pb, tabular_model.json or numbered version folders holding one of them");
    }
    ServedModel model = new ServedModel(name, modelPath, defaultVersion, intraOpThreads, pollInterval);
    Map.Entry<Long, Path> highest = versions.lastEntry();
    model.current.set(ServableVersion.load(highest.getKey(), highest.getValue(), intraOpThreads));
    if (model.poller != null) {
      long millis = pollInterval.toMillis();
      model.poller.scheduleWithFixedDelay(model::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
    }
    return model;
  }

  String name() {
    return name;
  }

  /** The version serving now. */
  ServableVersion current() {
    return current.get();
  }

  /**
   * A reference to the version a request asks for (null: the current one), which the caller
   * releases; 404 when the name or the version is not served.
   */
  ServableVersion acquire(String requestedName, Long requestedVersion) {
    if (!name.equals(requestedName)) {
      throw ServingException.notFound(
          "Servable not found for request: " + (requestedVersion == null ? "Latest(" + requestedName + ")" : "Specific(" + requestedName + ", " + requestedVersion + ")"));
    }
    while (true) {
      ServableVersion servable = current.get();
      if (requestedVersion != null && servable.version() != requestedVersion) {
        throw ServingException.notFound("Servable not found for request: Specific(" + requestedName + ", " + requestedVersion + ")");
      }
      if (servable.acquire()) {
        return servable;
      }
      // swapped and closed between get and acquire: the new current one serves
    }
  }

  /** Checks the folder once; loads and swaps in the highest version if it is not the one serving. */
  void poll() {
    NavigableMap<Long, Path> versions = ModelFolders.versions(modelPath, defaultVersion);
    if (versions.isEmpty()) {
      return;
    }
    Map.Entry<Long, Path> highest = versions.lastEntry();
    ServableVersion serving = current.get();
    if (highest.getKey() == serving.version() && highest.getValue().equals(serving.folder())) {
      return;
    }
    if (highest.equals(lastFailure)) {
      return;
    }
    ServableVersion loaded;
    try {
      loaded = ServableVersion.load(highest.getKey(), highest.getValue(), intraOpThreads);
    } catch (RuntimeException e) {
      lastFailure = Map.entry(highest.getKey(), highest.getValue());
      log.warn("cannot load version {} of model {} from {}; still serving version {}: {}",
          highest.getKey(), name, highest.getValue(), serving.version(), e.getMessage());
      return;
    }
    ServableVersion previous = current.getAndSet(loaded);
    previous.retire();
    log.info("model {} now serves version {} ({}), replacing version {}", name, loaded.version(), loaded.folder(), previous.version());
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      log.warn("cannot check {} for new versions of model {}: {}", modelPath, name, e.getMessage());
    }
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.shutdownNow();
      try {
        poller.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ServableVersion last = current.get();
    if (last != null) {
      last.retire();
    }
  }
}
