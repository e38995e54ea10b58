package dev.trainflow.deploy.server;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model server in a child JVM, as the local deploy target runs one per endpoint revision: started
 * with this JVM's own classpath (through Spring Boot's PropertiesLauncher when this JVM runs from a
 * Spring Boot executable jar, whose classes a plain {@code -cp} cannot see), the serving JVM flags
 * of Dockerfile.model-server, and the server's settings as environment; returned once it printed
 * its ready line. Its stderr (the server's logs) goes to a log file.
 */
public final class ModelServerProcess implements AutoCloseable {
  static final Pattern READY = Pattern.compile("^model server ready: name=(\\S+) version=(\\d+) port=(\\d+)$");
  static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1");
  private static final String SPRING_BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

  private final Process process;
  private final int port;
  private final long version;

  private ModelServerProcess(Process process, int port, long version) {
    this.process = process;
    this.port = port;
    this.version = version;
  }

  /**
   * Starts the server and waits for it to answer.
   *
   * @param env the server's settings ({@code MODEL_PATH}, {@code MODEL_NAME}, {@code PORT} (0: a
   *     free port), batching...), see {@link ModelServerSettings}
   * @param logFile where the server's stderr is appended
   * @throws IllegalStateException when it exits or stays silent for {@code readyTimeout}, with the
   *     end of its log (it names bad settings or a missing model)
   */
  public static ModelServerProcess start(Map<String, String> env, Path logFile, Duration readyTimeout) {
    ProcessBuilder builder =
        new ProcessBuilder(command(Path.of(System.getProperty("java.home")), System.getProperty("java.class.path")));
    // the child gets the server's settings, none of the parent's secrets
    builder.environment().keySet().removeIf(ModelServerProcess::secretLooking);
    builder.environment().putAll(env);
    builder.environment().putIfAbsent("TF_CPU_ALLOCATOR_USE_BFC", "true");
    builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    builder.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Process process;
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a model server process: " + e.getMessage(), e);
    }
    ReadyLine ready = new ReadyLine(process);
    Thread reader = new Thread(ready, "model-server-" + process.pid() + "-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      Matcher line = ready.await(readyTimeout);
      if (line == null) {
        // stdout closes when it exits; give the exit a moment to be seen
        boolean exited = process.waitFor(2, TimeUnit.SECONDS);
        process.destroyForcibly();
        throw new IllegalStateException(
            "the model server " + (exited ? "exited with " + process.exitValue() : "did not get ready within " + readyTimeout) + ": "
                + tail(logFile));
      }
      return new ModelServerProcess(process, Integer.parseInt(line.group(3)), Long.parseLong(line.group(2)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while the model server started", e);
    }
  }

  /** {@code java <serving flags> <classpath> ChildModelServerMain} for this classpath. */
  static List<String> command(Path javaHome, String classPath) {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(classPath);
    if (isSpringBootJar(classPath)) {
      command.add("-Dloader.main=" + ChildModelServerMain.class.getName());
      command.add(SPRING_BOOT_LAUNCHER);
    } else {
      command.add(ChildModelServerMain.class.getName());
    }
    return command;
  }

  static boolean secretLooking(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return upper.startsWith("TRAINFLOW_AUTH") || upper.startsWith("DATABASE_") || upper.contains("TOKEN")
        || upper.contains("PASSWORD") || upper.contains("SECRET") || upper.contains("CREDENTIALS");
  }

  private static boolean isSpringBootJar(String classPath) {
    if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
      return false;
    }
    try (JarFile jar = new JarFile(classPath)) {
      return jar.getEntry("BOOT-INF/") != null || jar.getEntry("BOOT-INF/classes/") != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log at " + logFile + ")";
    }
  }

  public int port() {
    return port;
  }

  /** The model version it served when it got ready. */
  public long version() {
    return version;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops it (SIGTERM: requests in flight finish), forcibly after 20 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Reads the child's stdout to its end, handing over the ready line when it comes. */
  private static final class ReadyLine implements Runnable {
    private final Process process;
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();

    ReadyLine(Process process) {
      this.process = process;
    }

    @Override
    public void run() {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          Matcher m = READY.matcher(line);
          if (m.matches()) {
            ready.complete(m);
          }
        }
      } catch (IOException e) {
        // the process went away; await sees it
      }
      ready.complete(null);
    }

    Matcher await(Duration timeout) throws InterruptedException {
      try {
        return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        return null;
      }
    }
  }
}
