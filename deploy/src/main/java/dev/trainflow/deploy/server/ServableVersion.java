package dev.trainflow.deploy.server;

import dev.trainflow.worker.tabular.TabularBundle;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Signature;

/**
 * One loaded version of the model: a SavedModel or a tabular model bundle, and the signatures this
 * server can serve. Reference counted, so a hot swap can retire it while requests still run on it:
 * the model closes when the last of them releases it.
 */
final class ServableVersion {
  private static final Logger log = LoggerFactory.getLogger(ServableVersion.class);

  private final long version;
  private final Path folder;
  private final ModelRuntime runtime;
  /** The server's own reference plus one per request in flight; 0 once closed. */
  private final AtomicInteger references = new AtomicInteger(1);

  private ServableVersion(long version, Path folder, ModelRuntime runtime) {
    this.version = version;
    this.folder = folder;
    this.runtime = runtime;
  }

  /**
   * Loads the model in {@code folder} (a tabular bundle when it holds {@code tabular_model.json},
   * else a SavedModel with tag {@code serve}) and runs each signature once on a one-row input, so
   * the first request does not pay for lazy initialisation.
   */
  static ServableVersion load(long version, Path folder, int intraOpThreads) {
    long start = System.nanoTime();
    ModelRuntime runtime =
        TabularBundle.isBundle(folder) ? TabularRuntime.load(folder) : SavedModelRuntime.load(folder, intraOpThreads);
    try {
      long loaded = System.nanoTime();
      for (ServingSignature signature : runtime.signatures().values()) {
        runtime.run(signature, signature.warmUpColumns());
      }
      log.info("loaded version {} from {} in {} ms (warm-up {} ms), signatures {}",
          version, folder, (System.nanoTime() - start) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000, runtime.signatures().keySet());
      return new ServableVersion(version, folder, runtime);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  long version() {
    return version;
  }

  Path folder() {
    return folder;
  }

  ModelRuntime runtime() {
    return runtime;
  }

  Map<String, ServingSignature> signatures() {
    return runtime.signatures();
  }

  /** Runs a signature of this version on a batch's columns. */
  Map<String, OutputTensor> run(ServingSignature signature, Map<String, FeatureColumn> columns) {
    return runtime.run(signature, columns);
  }

  /** The signature a request names (TF Serving's default when it names none), or a 400 naming the ones there are. */
  ServingSignature signature(String name) {
    String key = name == null || name.isEmpty() ? Signature.DEFAULT_KEY : name;
    ServingSignature signature = runtime.signatures().get(key);
    if (signature == null) {
      throw ServingException.badRequest(
          "Serving signature name: \"" + key + "\" not found in signature def; this model has " + runtime.signatures().keySet());
    }
    return signature;
  }

  /** Takes a reference for one request; false once this version is closed (the caller retries with the current one). */
  boolean acquire() {
    while (true) {
      int count = references.get();
      if (count == 0) {
        return false;
      }
      if (references.compareAndSet(count, count + 1)) {
        return true;
      }
    }
  }

  void release() {
    if (references.decrementAndGet() == 0) {
      runtime.close();
      log.info("closed model version {} ({})", version, folder);
    }
  }

  /** Drops the server's reference: the model closes after the requests still running on it. */
  void retire() {
    release();
  }
}
