package dev.trainflow.deploy.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a model server runs, from its environment (the names TensorFlow Serving's container uses
 * where it has one): {@code MODEL_PATH} (required), {@code MODEL_NAME} (default {@code model}),
 * {@code PORT} (8501), {@code MODEL_VERSION} (the version of a single model folder, 1), {@code
 * MAX_BATCH_SIZE} (64), {@code BATCH_TIMEOUT_MICROS} (2000), {@code NUM_BATCH_THREADS} (1), {@code
 * FILE_SYSTEM_POLL_WAIT_SECONDS} (2; 0 turns hot loading off), {@code INTRA_OP_THREADS} (the
 * machine's cores), {@code HTTP_THREADS} (64).
 */
public record ModelServerSettings(
    Path modelPath,
    String modelName,
    int port,
    long defaultVersion,
    BatchingSettings batching,
    Duration pollInterval,
    int intraOpThreads,
    int httpThreads) {

  public static final int DEFAULT_PORT = 8501;
  private static final Pattern MODEL_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$");

  /** Reads the settings; every bad or missing variable is named in one exception. */
  public static ModelServerSettings fromEnvironment(Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    String path = env.get("MODEL_PATH");
    if (path == null || path.isBlank()) {
      errors.add("MODEL_PATH is required: a SavedModel folder, a trainflow model folder or a folder of numbered versions");
    }
    String name = env.getOrDefault("MODEL_NAME", "model");
    if (!MODEL_NAME.matcher(name).matches()) {
      errors.add("MODEL_NAME '" + name + "' must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int port = integer(env, "PORT", DEFAULT_PORT, 0, 65535, errors);
    long version = integer(env, "MODEL_VERSION", 1, 1, Integer.MAX_VALUE, errors);
    int maxBatch = integer(env, "MAX_BATCH_SIZE", 64, 1, 4096, errors);
    int timeoutMicros = integer(env, "BATCH_TIMEOUT_MICROS", 2000, 0, 1_000_000, errors);
    int batchThreads = integer(env, "NUM_BATCH_THREADS", 1, 1, 64, errors);
    int pollSeconds = integer(env, "FILE_SYSTEM_POLL_WAIT_SECONDS", 2, 0, 3600, errors);
    int intraOp = integer(env, "INTRA_OP_THREADS", cores, 1, 256, errors);
    int httpThreads = integer(env, "HTTP_THREADS", 64, 1, 1024, errors);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return new ModelServerSettings(
        Path.of(path), name, port, version,
        new BatchingSettings(maxBatch, Duration.ofNanos(timeoutMicros * 1000L), batchThreads),
        Duration.ofSeconds(pollSeconds), intraOp, httpThreads);
  }

  /**
   * The settings a deploy target needs to name, everything else at its default (and no variable
   * of this process's environment read).
   *
   * @param port 0 for any free port
   */
  public static ModelServerSettings forModel(Path modelPath, String modelName, int port) {
    return fromEnvironment(Map.of("MODEL_PATH", modelPath.toString(), "MODEL_NAME", modelName, "PORT", Integer.toString(port)));
  }

  /** The same settings on another port (0: any free one). */
  public ModelServerSettings withPort(int newPort) {
    return new ModelServerSettings(modelPath, modelName, newPort, defaultVersion, batching, pollInterval, intraOpThreads, httpThreads);
  }

  private static int integer(Map<String, String> env, String key, int fallback, int min, int max, List<String> errors) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        errors.add(key + " must be between " + min + " and " + max + ", got " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      errors.add(key + " must be an integer, got '" + value + "'");
      return fallback;
    }
  }
}
