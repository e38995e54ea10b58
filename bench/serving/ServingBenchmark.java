import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model server benchmark of docs/benchmarks.md ("Model server"): starts the standalone server
 * (dev.trainflow.deploy.server.ModelServerMain) as a child process on a model folder, measures
 * cold start (process start to the first successful predict) a few times, then drives it from
 * this second process over loopback with 1, 8 and 64 concurrent clients, each a closed loop of
 * keep-alive HTTP/1.1 requests on its own connection (as wrk does), one instance per request in
 * the seed's raw format. Reports p50/p99 latency, throughput and the server's resident memory
 * (VmRSS and peak VmHWM from /proc/<pid>/status).
 *
 * <p>Run from the repository root (see docs/benchmarks.md for building the classpath and model):
 * {@code java bench/serving/ServingBenchmark.java <classpath-file> <model-folder> [seconds-per-level] [jvm flags...]}.
 * JDK classes only.
 */
public final class ServingBenchmark {
  private static final Pattern READY = Pattern.compile("model server ready: name=(\\S+) version=(\\d+) port=(\\d+)");
  private static final String[] SEGMENTS = {"smb", "mid_market", "enterprise"};

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: java bench/serving/ServingBenchmark.java <classpath-file> <model-folder> [seconds-per-level] [jvm flags...]");
      System.exit(2);
    }
    String classpath = Files.readString(Path.of(args[0])).trim();
    Path model = Path.of(args[1]).toAbsolutePath();
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    List<String> jvmFlags = args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of();
    byte[][] bodies = bodies(2_000);

    System.out.println("## cold start (process start -> first successful predict), JVM flags " + jvmFlags);
    List<Double> colds = new ArrayList<>();
    List<Double> cpus = new ArrayList<>();
    int coldStarts = Integer.getInteger("coldStarts", 5);
    for (int i = 0; i < coldStarts; i++) {
      Server server = Server.start(classpath, model, jvmFlags);
      long t0 = server.startedNanos;
      double readyMs = (server.readyNanos - t0) / 1e6;
      int port = server.port;
      long first;
      while (true) {
        try (Client client = new Client(port)) {
          if (client.predict(bodies[i]) == 200) {
            first = System.nanoTime();
            break;
          }
        } catch (IOException e) {
          Thread.sleep(1);
        }
      }
      double coldMs = (first - t0) / 1e6;
      double cpuMs = server.cpuMillis();
      colds.add(coldMs);
      cpus.add(cpuMs);
      System.out.printf(Locale.ROOT, "cold start %d: ready line %.0f ms, first predict %.0f ms wall, %.0f ms of server CPU, RSS %s, load average %s%n",
          i + 1, readyMs, coldMs, cpuMs, server.memory(), loadAverage());
      server.stop();
    }
    colds.sort(null);
    cpus.sort(null);
    if (coldStarts > 0) System.out.printf(Locale.ROOT, "cold start median %.0f ms wall (min %.0f, max %.0f), median %.0f ms of server CPU (min %.0f)%n",
        colds.get(colds.size() / 2), colds.get(0), colds.get(colds.size() - 1), cpus.get(cpus.size() / 2), cpus.get(0));

    Server server = Server.start(classpath, model, jvmFlags);
    try {
      verify(server.port, bodies[0]);
      run(server.port, bodies, 8, 3);
      System.out.println();
      System.out.println("| clients | requests | throughput (predictions/s) | p50 ms | p90 ms | p99 ms | max ms | errors | mean rows per TF call | server CPU ms per prediction | server RSS after | load average before |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
      for (int clients : new int[] {1, 8, 64}) {
        String load = loadAverage();
        double cpuBefore = server.cpuMillis();
        double[] batchesBefore = batches(server.port);
        Result r = run(server.port, bodies, clients, seconds);
        double cpuPerPrediction = (server.cpuMillis() - cpuBefore) / r.requests;
        double[] batchesAfter = batches(server.port);
        double rowsPerCall = (batchesAfter[1] - batchesBefore[1]) / (batchesAfter[0] - batchesBefore[0]);
        System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %.1f | %.3f | %s | %s |%n",
            clients, r.requests, r.requests / r.seconds, r.percentile(50), r.percentile(90), r.percentile(99), r.percentile(100), r.errors,
            rowsPerCall, cpuPerPrediction, server.memory(), load);
      }
      System.out.println();
      System.out.println("server /proc status: " + server.memory());
    } finally {
      server.stop();
    }
  }

  /** The machine's 1-minute load average: other work sharing its cores while we measure. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * Distinct single-instance requests in the seed's raw format, over the fixture's customers; or,
   * with BENCH_BODIES naming a file, its lines (one JSON request each: any model, e.g. a tabular one).
   */
  private static byte[][] bodies(int n) {
    String file = System.getenv("BENCH_BODIES");
    if (file != null && !file.isBlank()) {
      try {
        return Files.readAllLines(Path.of(file)).stream()
            .filter(l -> !l.isBlank())
            .map(l -> l.getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    byte[][] bodies = new byte[n][];
    for (int i = 0; i < n; i++) {
      String body = String.format(Locale.ROOT,
          "{\"instances\":[{\"customer_id\":\"c%04d\",\"city\":\"city_%d\",\"revenue\":%.1f,\"segment\":\"%s\"}]}",
          (i * 7919) % 5000, i % 12, 1000.0 + (i * 37 % 90_000), SEGMENTS[i % 3]);
      bodies[i] = body.getBytes(StandardCharsets.UTF_8);
    }
    return bodies;
  }

  /** The server's batch meter: TensorFlow calls and rows so far, from /metrics. */
  private static double[] batches(int port) throws IOException {
    try (Client client = new Client(port)) {
      client.get("/metrics");
      String text = new String(client.lastBody, StandardCharsets.UTF_8);
      return new double[] {metric(text, "model_server_batch_rows_count"), metric(text, "model_server_batch_rows_sum")};
    }
  }

  private static double metric(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }

  private static void verify(int port, byte[] body) throws IOException {
    try (Client client = new Client(port)) {
      int status = client.predict(body);
      String text = new String(client.lastBody, StandardCharsets.UTF_8);
      int ids = text.split("\"p", -1).length - 1;
      // BENCH_BODIES: any model, so any answer with predictions; else the retrieval model's top 100
      boolean custom = System.getenv("BENCH_BODIES") != null;
      boolean expected =
          custom ? text.startsWith("{\"predictions\":[") : text.startsWith("{\"predictions\":[{\"product_ids\":[") && ids >= 100;
      if (status != 200 || !expected) {
        throw new IllegalStateException("unexpected answer " + status + ": " + text.substring(0, Math.min(300, text.length())));
      }
    }
  }

  private static Result run(int port, byte[][] bodies, int clients, int seconds) throws Exception {
    long[][] latencies = new long[clients][];
    int[] counts = new int[clients];
    int[] errors = new int[clients];
    CountDownLatch done = new CountDownLatch(clients);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    for (int c = 0; c < clients; c++) {
      int id = c;
      Thread thread = new Thread(() -> {
        long[] mine = new long[1 << 16];
        int n = 0;
        try (Client client = new Client(port)) {
          for (int i = id; System.nanoTime() < end; i += clients) {
            long t = System.nanoTime();
            int status = client.predict(bodies[i % bodies.length]);
            long took = System.nanoTime() - t;
            if (status != 200) {
              errors[id]++;
            }
            if (n == mine.length) {
              mine = Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = took;
          }
        } catch (IOException e) {
          errors[id]++;
        } finally {
          latencies[id] = mine;
          counts[id] = n;
          done.countDown();
        }
      });
      thread.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(latencies[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    return new Result(all, elapsed, total, Arrays.stream(errors).sum());
  }

  private record Result(long[] sorted, double seconds, int requests, int errors) {
    double percentile(double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }
  }

  /** The server as a child process: started, waited for (its ready line), measured, stopped. */
  private static final class Server {
    final Process process;
    final long startedNanos;
    final long readyNanos;
    final int port;

    private Server(Process process, long startedNanos, long readyNanos, int port) {
      this.process = process;
      this.startedNanos = startedNanos;
      this.readyNanos = readyNanos;
      this.port = port;
    }

    static Server start(String classpath, Path model, List<String> jvmFlags) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmFlags);
      command.addAll(List.of("-cp", classpath, "dev.trainflow.deploy.server.ModelServerMain"));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("MODEL_PATH", model.toString());
      builder.environment().put("MODEL_NAME", "recommender");
      builder.environment().put("PORT", "0");
      builder.environment().put("TF_CPU_ALLOCATOR_USE_BFC", "true");
      builder.redirectError(Path.of(System.getProperty("java.io.tmpdir"), "serving-benchmark-server.log").toFile());
      long started = System.nanoTime();
      Process process = builder.start();
      InputStream out = process.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b; (b = out.read()) != -1; ) {
        if (b == '\n') {
          Matcher m = READY.matcher(line);
          if (m.find()) {
            return new Server(process, started, System.nanoTime(), Integer.parseInt(m.group(3)));
          }
          line.setLength(0);
        } else {
          line.append((char) b);
        }
      }
      throw new IllegalStateException("the server exited with " + process.onExit().join().exitValue() + " before its ready line; see the server log in java.io.tmpdir");
    }

    /** CPU time the server process has used so far (user + system), from /proc/<pid>/stat. */
    double cpuMillis() {
      try {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state is index 0, utime 11, stime 12 (clock ticks, 100 per second)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
    }

    String memory() {
      try {
        String status = Files.readString(Path.of("/proc/" + process.pid() + "/status"));
        return field(status, "VmRSS") + " (peak " + field(status, "VmHWM") + ")";
      } catch (IOException e) {
        return "n/a";
      }
    }

    private static String field(String status, String name) {
      Matcher m = Pattern.compile(name + ":\\s+(\\d+) kB").matcher(status);
      return m.find() ? (Long.parseLong(m.group(1)) / 1024) + " MB" : "?";
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** One keep-alive HTTP/1.1 connection: a request written whole, the answer read by Content-Length. */
  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;
    byte[] lastBody = new byte[0];

    Client(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      head = ("POST /v1/models/recommender:predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ")
          .getBytes(StandardCharsets.US_ASCII);
    }

    int get(String path) throws IOException {
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return readAnswer();
    }

    int predict(byte[] body) throws IOException {
      ByteArrayOutputStream request = new ByteArrayOutputStream(head.length + body.length + 16);
      request.write(head);
      request.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      request.write(body);
      out.write(request.toByteArray());
      out.flush();
      return readAnswer();
    }

    private int readAnswer() throws IOException {
      String statusLine = readLine();
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      int length = -1;
      for (String header; !(header = readLine()).isEmpty(); ) {
        int colon = header.indexOf(':');
        if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("Content-Length")) {
          length = Integer.parseInt(header.substring(colon + 1).trim());
        }
      }
      if (length < 0) {
        throw new IOException("no Content-Length in the answer");
      }
      lastBody = in.readNBytes(length);
      return status;
    }

    private String readLine() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b; (b = in.read()) != -1; ) {
        if (b == '\n') {
          int n = line.length();
          return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
        }
        line.append((char) b);
      }
      throw new IOException("connection closed");
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
