package dev.trainflow.deploy.server;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.proto.ConfigProto;

/**
 * One loaded version of the model: its SavedModel bundle and the signatures this server can serve.
 * Reference counted, so a hot swap can retire it while requests still run on it: the bundle closes
 * when the last of them releases it.
 */
final class ServableVersion {
  private static final Logger log = LoggerFactory.getLogger(ServableVersion.class);

  private final long version;
  private final Path folder;
  private final SavedModelBundle bundle;
  private final Map<String, ServingSignature> signatures;
  /** The server's own reference plus one per request in flight; 0 once closed. */
  private final AtomicInteger references = new AtomicInteger(1);

  private ServableVersion(long version, Path folder, SavedModelBundle bundle, Map<String, ServingSignature> signatures) {
    this.version = version;
    this.folder = folder;
    this.bundle = bundle;
    this.signatures = signatures;
  }

  /**
   * Loads the SavedModel (tag {@code serve}) and runs each signature once on a one-row input, so
   * the first request does not pay for TensorFlow's lazy initialisation.
   */
  static ServableVersion load(long version, Path savedModel, int intraOpThreads) {
    long start = System.nanoTime();
    // no spinning: TensorFlow's pool threads otherwise busy-wait after every op, which on a small
    // machine burns the CPU that parsing and answering the other requests needs
    ConfigProto config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intraOpThreads)
            .setInterOpParallelismThreads(1)
            .setExperimental(ConfigProto.Experimental.newBuilder().setDisableThreadSpinning(true))
            .build();
    SavedModelBundle bundle =
        SavedModelBundle.loader(savedModel.toString()).withTags("serve").withConfigProto(config).load();
    try {
      Map<String, ServingSignature> signatures = new TreeMap<>();
      for (Signature signature : bundle.signatures()) {
        try {
          signatures.put(signature.key(), ServingSignature.of(signature));
        } catch (IllegalArgumentException e) {
          log.warn("not serving signature '{}' of {}: {}", signature.key(), savedModel, e.getMessage());
        }
      }
      if (signatures.isEmpty()) {
        throw new IllegalArgumentException("the SavedModel at " + savedModel + " has no signature this server can serve");
      }
      long loaded = System.nanoTime();
      for (ServingSignature signature : signatures.values()) {
        signature.run(bundle.session(), signature.warmUpColumns());
      }
      log.info("loaded version {} from {} in {} ms (warm-up {} ms), signatures {}",
          version, savedModel, (System.nanoTime() - start) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000, signatures.keySet());
      return new ServableVersion(version, savedModel, bundle, Collections.unmodifiableMap(signatures));
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  long version() {
    return version;
  }

  Path folder() {
    return folder;
  }

  SavedModelBundle bundle() {
    return bundle;
  }

  Map<String, ServingSignature> signatures() {
    return signatures;
  }

  /** The signature a request names (TF Serving's default when it names none), or a 400 naming the ones there are. */
  ServingSignature signature(String name) {
    String key = name == null || name.isEmpty() ? Signature.DEFAULT_KEY : name;
    ServingSignature signature = signatures.get(key);
    if (signature == null) {
      throw ServingException.badRequest(
          "Serving signature name: \"" + key + "\" not found in signature def; this model has " + signatures.keySet());
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
      bundle.close();
      log.info("closed model version {} ({})", version, folder);
    }
  }

  /** Drops the server's reference: the bundle closes after the requests still running on it. */
  void retire() {
    release();
  }
}
