package dev.trainflow.deploy.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local endpoint's front door: one HTTP port that forwards each request to one of the
 * endpoint's revisions, chosen by the traffic split, and names the revision that answered in the
 * {@value #REVISION_HEADER} header. The model servers behind it never see the endpoint's clients
 * directly, so a rollout or rollback only changes the routes here.
 */
final class TrafficRouter implements AutoCloseable {
  static final String REVISION_HEADER = "X-Trainflow-Revision";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  /** A revision taking traffic: its id and where its model server listens. */
  record Route(String revisionId, String url) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicReference<WeightedRoundRobin<Route>> routes = new AtomicReference<>();

  private TrafficRouter(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static TrafficRouter start(String bindAddress, int port, String endpointName) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
      ExecutorService executor =
          Executors.newFixedThreadPool(
              32,
              r -> {
                Thread t = new Thread(r, "endpoint-" + endpointName);
                t.setDaemon(true);
                return t;
              });
      TrafficRouter router = new TrafficRouter(server, executor);
      server.createContext("/", router::forward);
      server.setExecutor(executor);
      server.start();
      return router;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the endpoint port for " + endpointName + ": " + e.getMessage(), e);
    }
  }

  String url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    return "http://" + host + ":" + address.getPort();
  }

  /** Replaces the routes: {@code weights} by revision id, every one of them present in {@code urls}. */
  void route(Map<String, Integer> weights, Map<String, String> urls) {
    List<Route> targets = new ArrayList<>();
    List<Integer> shares = new ArrayList<>();
    weights.forEach(
        (revision, share) -> {
          if (share > 0) {
            targets.add(new Route(revision, urls.get(revision)));
            shares.add(share);
          }
        });
    routes.set(targets.isEmpty() ? null : new WeightedRoundRobin<>(targets, shares));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      WeightedRoundRobin<Route> current = routes.get();
      if (current == null) {
        respond(exchange, 503, null, "{\"error\": \"the endpoint has no revision taking traffic\"}");
        return;
      }
      Route route = current.next();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(route.url() + exchange.getRequestURI().toString()))
              .timeout(Duration.ofSeconds(60))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      HttpResponse<byte[]> response;
      try {
        response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        respond(exchange, 502, route.revisionId(),
            "{\"error\": \"revision " + route.revisionId() + " is not answering\"}");
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        respond(exchange, 503, route.revisionId(), "{\"error\": \"the endpoint is shutting down\"}");
        return;
      }
      exchange.getResponseHeaders().set(REVISION_HEADER, route.revisionId());
      response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String revision, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (revision != null) {
      exchange.getResponseHeaders().set(REVISION_HEADER, revision);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
