import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The chaos benchmark of docs/benchmarks.md: the service with no in-process trainer, two standalone
 * gpu workers, N small runs, and a random worker killed with SIGKILL every few seconds (and
 * restarted) for a while. Reports runs completed and lost, duplicate registrations, epochs
 * re-trained beyond one checkpoint interval, and the time from a kill to training resuming on
 * another worker.
 *
 * <p>Run from the repository root after {@code mvn -DskipTests package}:
 * {@code java bench/chaos/ChaosHarness.java [runs] [chaosSeconds]}. JDK classes only.
 */
public final class ChaosHarness {
  private static final int API_PORT = 18080;
  private static final int TEMPORAL_PORT = 17233;
  private static final Path OUT = Path.of("bench/out/chaos");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String BASE = "http://127.0.0.1:" + API_PORT;

  private final Random random = new Random(42);
  private final Map<Integer, Process> workers = new LinkedHashMap<>();
  private final List<Long> resumeMillis = new ArrayList<>();
  private final List<Long> detectMillis = new ArrayList<>();
  private Process api;
  private int kills;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int chaosSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    ChaosHarness harness = new ChaosHarness();
    try {
      harness.run(runs, chaosSeconds);
    } finally {
      harness.stopAll();
    }
  }

  void run(int runCount, int chaosSeconds) throws Exception {
    deleteRecursively(OUT);
    Files.createDirectories(OUT);
    api = start("api", List.of("java", "-jar", "api/target/trainflow-api.jar"), Map.of(
        "EMBEDDED_GPU_WORKER", "false",
        "DATA_DIR", OUT.resolve("data").toString(),
        "SERVER_PORT", Integer.toString(API_PORT),
        "EMBEDDED_TEMPORAL_PORT", Integer.toString(TEMPORAL_PORT)));
    awaitHealthy();
    startWorker(1);
    startWorker(2);

    long dataset = id(post("/api/datasets", "{\"name\": \"chaos-data\", \"source\": {\"type\": \"synthetic\", "
        + "\"customers\": 500, \"products\": 200, \"interactions\": 15000, \"seed\": 3}}"));
    long features = id(post("/api/feature-configs", "{\"name\": \"chaos-features\", \"query_id_column\": \"customer_id\", "
        + "\"candidate_id_column\": \"product_id\", \"query_features\": [{\"column\": \"customer_id\", \"type\": \"string\", "
        + "\"transform\": \"embedding\"}], \"candidate_features\": [{\"column\": \"product_id\", \"type\": \"string\", "
        + "\"transform\": \"embedding\"}]}"));
    long model = id(post("/api/model-configs", "{\"name\": \"chaos-model\", \"model_type\": \"retrieval\"}"));
    List<Long> runs = new ArrayList<>();
    for (int i = 0; i < runCount; i++) {
      runs.add(id(post("/api/training-runs", String.format(
          "{\"name\": \"chaos-%d\", \"ml_model_name\": \"chaos-model-%d\", \"dataset_id\": %d, \"feature_config_id\": %d, "
              + "\"model_config_id\": %d, \"training_params\": {\"epochs\": 40, \"batch_size\": 256, "
              + "\"checkpoint_every_epochs\": 1, \"heartbeat_timeout_seconds\": 5, \"max_runtime_minutes\": 60, "
              + "\"retry_policy\": {\"max_retries\": 100, \"initial_delay_seconds\": 1, \"max_delay_seconds\": 2}}}",
          i, i, dataset, features, model))));
    }
    say("started %d runs; killing a random worker every 5-15 s for %d s", runCount, chaosSeconds);

    long chaosEnd = System.currentTimeMillis() + chaosSeconds * 1000L;
    while (System.currentTimeMillis() < chaosEnd) {
      sleep(5000 + random.nextInt(10_000));
      int victim = 1 + random.nextInt(2);
      killAndRestart(victim, runs);
    }
    say("chaos over after %d kills; waiting for the runs to finish", kills);
    long waitEnd = System.currentTimeMillis() + 20 * 60_000L;
    while (System.currentTimeMillis() < waitEnd && !allEnded(runs)) {
      sleep(2000);
    }
    report(runs, chaosSeconds);
  }

  private void killAndRestart(int worker, List<Long> runs) throws Exception {
    Process process = workers.get(worker);
    String identity = process.pid() + "@";
    List<Long> training = new ArrayList<>();
    for (long run : runs) {
      Map<String, Object> r = get("/api/training-runs/" + run);
      if ("running".equals(r.get("status")) && "train".equals(r.get("current_stage"))
          && String.valueOf(r.get("worker_identity")).startsWith(identity)) {
        training.add(run);
      }
    }
    long killedAt = System.currentTimeMillis();
    process.destroyForcibly().waitFor();
    kills++;
    say("kill -9 worker %d (pid %d) while it trained %s", worker, process.pid(), training);
    sleep(2000);
    startWorker(worker);
    for (long run : training) {
      Thread watcher = new Thread(() -> watchResume(run, identity, killedAt));
      watcher.setDaemon(true);
      watcher.start();
    }
  }

  /**
   * The time from the kill until the workflow declares the worker lost (the heartbeat timeout) and
   * until the run's next attempt starts on a live worker (which may first wait for a free one).
   */
  private void watchResume(long run, String deadIdentity, long killedAt) {
    long until = killedAt + 300_000;
    int retriesBefore = -1;
    boolean detected = false;
    while (System.currentTimeMillis() < until) {
      try {
        Map<String, Object> r = get("/api/training-runs/" + run);
        List<?> retries = (List<?>) r.get("retry_history");
        if (retriesBefore < 0) {
          retriesBefore = retries.size();
        } else if (!detected && retries.size() > retriesBefore) {
          Map<?, ?> retry = (Map<?, ?>) retries.get(retries.size() - 1);
          synchronized (detectMillis) {
            detectMillis.add(((Number) retry.get("at_millis")).longValue() - killedAt);
          }
          detected = true;
        }
        Object identity = r.get("worker_identity");
        if (identity != null && !String.valueOf(identity).startsWith(deadIdentity)) {
          synchronized (resumeMillis) {
            resumeMillis.add(System.currentTimeMillis() - killedAt);
          }
          return;
        }
        if (!"running".equals(r.get("status"))) {
          return;
        }
        sleep(200);
      } catch (Exception e) {
        return;
      }
    }
  }

  private void report(List<Long> runs, int chaosSeconds) throws Exception {
    int completed = 0;
    int failed = 0;
    int lost = 0;
    int duplicateRegistrations = 0;
    int retrainedBeyondInterval = 0;
    int workerLostRetries = 0;
    int attempts = 0;
    double gpuSecondsLost = 0;
    for (long run : runs) {
      Map<String, Object> r = get("/api/training-runs/" + run);
      switch (String.valueOf(r.get("status"))) {
        case "completed" -> completed++;
        case "failed", "cancelled" -> failed++;
        default -> lost++;
      }
      attempts += ((Number) r.get("attempts")).intValue();
      gpuSecondsLost += ((Number) r.get("gpu_seconds_lost")).doubleValue();
      for (Object o : (List<?>) r.get("retry_history")) {
        Map<?, ?> retry = (Map<?, ?>) o;
        if ("worker_lost".equals(retry.get("reason"))) {
          workerLostRetries++;
        }
        int last = ((Number) retry.get("last_epoch_reported")).intValue();
        Object checkpointEpoch = retry.get("checkpoint_epoch");
        int checkpoint = checkpointEpoch == null ? 0 : ((Number) checkpointEpoch).intValue();
        if (last - checkpoint > 1) {
          retrainedBeyondInterval += last - checkpoint - 1;
        }
      }
      Map<String, Object> model = get("/api/ml-models/" + r.get("ml_model_name"));
      Map<Object, Integer> perRun = new HashMap<>();
      for (Object v : (List<?>) model.get("versions")) {
        perRun.merge(((Map<?, ?>) v).get("training_run_id"), 1, Integer::sum);
      }
      for (int count : perRun.values()) {
        duplicateRegistrations += count - 1;
      }
    }
    List<Long> sorted = new ArrayList<>(resumeMillis);
    sorted.sort(Long::compare);
    String median = sorted.isEmpty() ? "n/a" : String.format("%.1f s", sorted.get(sorted.size() / 2) / 1000.0);
    String p90 = sorted.isEmpty() ? "n/a" : String.format("%.1f s", sorted.get((int) (sorted.size() * 0.9)) / 1000.0);
    List<Long> detections = new ArrayList<>(detectMillis);
    detections.sort(Long::compare);
    String detectMedian =
        detections.isEmpty() ? "n/a" : String.format("%.1f s", detections.get(detections.size() / 2) / 1000.0);
    String report = String.join("\n",
        "| measure | value |",
        "|---|---|",
        "| runs | " + runs.size() + " |",
        "| chaos window | " + chaosSeconds + " s |",
        "| SIGKILLs of a worker | " + kills + " |",
        "| runs completed | " + completed + " |",
        "| runs failed or cancelled | " + failed + " |",
        "| runs lost (not finished) | " + lost + " |",
        "| duplicate registrations | " + duplicateRegistrations + " |",
        "| epochs re-trained beyond one checkpoint interval | " + retrainedBeyondInterval + " |",
        "| training attempts in all | " + attempts + " |",
        "| attempts retried as worker_lost | " + workerLostRetries + " |",
        "| kills that interrupted training / resumptions timed | " + resumeMillis.size() + " |",
        "| kill → worker_lost recorded by the workflow, median | " + detectMedian + " |",
        "| kill → training resumed on a live worker, median | " + median + " |",
        "| kill → training resumed on a live worker, p90 | " + p90 + " |",
        String.format("| device-seconds lost (work after the last checkpoint) | %.1f |", gpuSecondsLost));
    Files.writeString(OUT.resolve("report.md"), report + "\n");
    System.out.println(report);
  }

  private boolean allEnded(List<Long> runs) throws Exception {
    for (long run : runs) {
      Object status = get("/api/training-runs/" + run).get("status");
      if (!List.of("completed", "failed", "cancelled", "not_blessed").contains(String.valueOf(status))) {
        return false;
      }
    }
    return true;
  }

  private void startWorker(int n) throws IOException {
    workers.put(n, start("worker-" + n,
        List.of("java", "-jar", "worker-gpu/target/trainflow-worker-gpu-0.1.0-SNAPSHOT-exec.jar"),
        Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + TEMPORAL_PORT, "ARTIFACT_ROOT", OUT.resolve("data/artifacts").toString())));
  }

  private Process start(String name, List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().put("TF_CPU_ALLOCATOR_USE_BFC", "true");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(OUT.resolve(name + ".log").toFile()));
    return builder.start();
  }

  private void awaitHealthy() throws Exception {
    for (int i = 0; i < 240; i++) {
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException starting) {
        // not listening yet
      }
      sleep(500);
    }
    throw new IllegalStateException("the api did not become healthy; see " + OUT.resolve("api.log"));
  }

  private void stopAll() {
    workers.values().forEach(Process::destroy);
    if (api != null) {
      api.destroy();
      try {
        api.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static long id(Map<String, Object> body) {
    return ((Number) body.get("id")).longValue();
  }

  private static Map<String, Object> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30)).GET().build());
  }

  private static Map<String, Object> post(String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(BASE + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> send(HttpRequest request) throws Exception {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return (Map<String, Object>) new Json(response.body()).value();
  }

  private static void say(String format, Object... args) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (Files.exists(path)) {
      try (var files = Files.walk(path)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Just enough JSON for the API's answers: objects, arrays, strings, numbers, booleans, null. */
  private static final class Json {
    private final String text;
    private int at;

    Json(String text) {
      this.text = text;
    }

    Object value() {
      skipSpace();
      char c = text.charAt(at);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't', 'f' -> bool();
        case 'n' -> {
          at += 4;
          yield null;
        }
        default -> number();
      };
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      at++;
      skipSpace();
      if (text.charAt(at) == '}') {
        at++;
        return map;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        at++;
        map.put(key, value());
        skipSpace();
        if (text.charAt(at++) == '}') {
          return map;
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      at++;
      skipSpace();
      if (text.charAt(at) == ']') {
        at++;
        return list;
      }
      while (true) {
        list.add(value());
        skipSpace();
        if (text.charAt(at++) == ']') {
          return list;
        }
      }
    }

    private String string() {
      StringBuilder sb = new StringBuilder();
      at++;
      while (text.charAt(at) != '"') {
        char c = text.charAt(at++);
        if (c == '\\') {
          char e = text.charAt(at++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'u' -> {
              sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
              at += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
      at++;
      return sb.toString();
    }

    private Boolean bool() {
      boolean value = text.startsWith("true", at);
      at += value ? 4 : 5;
      return value;
    }

    private Number number() {
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      return Double.parseDouble(text.substring(start, at));
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }
  }
}
