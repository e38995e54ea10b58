package dev.trainflow.deploy.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TensorFlow-Serving-compatible REST model server over one model (a SavedModel or a tabular
 * model bundle), on the JDK's own HTTP server (no framework, so it starts in well under a second
 * once TensorFlow's natives are cached). Start it with {@link #start}; {@link #close} stops it and
 * closes the model.
 */
public final class ModelServer implements AutoCloseable {
  static {
    // the JDK server writes headers and body separately: without TCP_NODELAY, Nagle plus the
    // client's delayed ACK add ~40 ms to every keep-alive response
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer http;
  private final ExecutorService httpThreads;
  private final BatchScheduler batches;
  private final ServedModel model;

  private ModelServer(HttpServer http, ExecutorService httpThreads, BatchScheduler batches, ServedModel model) {
    this.http = http;
    this.httpThreads = httpThreads;
    this.batches = batches;
    this.model = model;
  }

  /**
   * Loads the highest version under {@code settings.modelPath()} (failing with a message naming
   * the path when there is none or it cannot be loaded), then listens on {@code settings.port()}
   * (0: a free port, see {@link #port}) on every interface.
   */
  public static ModelServer start(ModelServerSettings settings) {
    // the HTTP side (Jackson, Micrometer, the JDK server: a few hundred ms of class loading) is set
    // up on another thread while this one loads TensorFlow's natives and the model
    CompletableFuture<Front> front = new CompletableFuture<>();
    Thread opener = new Thread(() -> front.complete(Front.open(settings)), "model-server-start");
    opener.setDaemon(true);
    opener.start();
    ServedModel model;
    try {
      model =
          ServedModel.load(
              settings.modelName(), settings.modelPath(), settings.defaultVersion(), settings.intraOpThreads(),
              settings.pollInterval());
    } catch (RuntimeException | Error e) {
      front.thenAccept(Front::close);
      throw e;
    }
    Front opened = front.join();
    if (opened.failure() != null) {
      model.close();
      throw new UncheckedIOException(
          "cannot listen on port " + settings.port() + ": " + opened.failure().getMessage(), opened.failure());
    }
    Gauge.builder("model_server_version", model, m -> m.current().version())
        .description("the model version serving")
        .tag("model", settings.modelName())
        .register(opened.meters());
    BatchScheduler batches = new BatchScheduler(settings.batching(), opened.meters());
    opened.http().createContext("/", new ModelServerHandler(model, batches, opened.json(), opened.meters()));
    opened.http().start();
    return new ModelServer(opened.http(), opened.threads(), batches, model);
  }

  /** The HTTP side before the model is there: bound, not yet answering; or why it could not bind. */
  private record Front(
      HttpServer http, ExecutorService threads, ObjectMapper json, PrometheusMeterRegistry meters, IOException failure) {

    static Front open(ModelServerSettings settings) {
      ObjectMapper json = jsonMapper();
      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      AtomicInteger threadNumber = new AtomicInteger();
      ExecutorService threads =
          Executors.newFixedThreadPool(
              settings.httpThreads(),
              r -> {
                Thread t = new Thread(r, "model-http-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      try {
        HttpServer http = HttpServer.create(new InetSocketAddress(settings.port()), 1024);
        http.setExecutor(threads);
        return new Front(http, threads, json, meters, null);
      } catch (IOException e) {
        threads.shutdownNow();
        return new Front(null, null, json, meters, e);
      }
    }

    void close() {
      if (http != null) {
        http.stop(0);
        threads.shutdownNow();
      }
    }
  }

  /** Jackson with the Schubfach float writer: an answer holds 100 scores, and Float.toString was a visible share of it. */
  private static ObjectMapper jsonMapper() {
    return new ObjectMapper(
        JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build());
  }

  /** The port it listens on (the chosen one when started with port 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  public String modelName() {
    return model.name();
  }

  /** The model version serving now. */
  public long version() {
    return model.current().version();
  }

  /** Checks the model folder for a new version now, as the poller does every few seconds. */
  public void pollForNewVersion() {
    model.poll();
  }

  /** Stops listening, lets requests in flight finish (up to a second), then closes the model. */
  @Override
  public void close() {
    http.stop(1);
    batches.close();
    httpThreads.shutdown();
    try {
      httpThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    model.close();
  }
}
