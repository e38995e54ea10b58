package dev.trainflow.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router against real HTTP backends that echo who they are and what they got. */
class TrafficRouterTests {
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<HttpServer> backends = new ArrayList<>();
  private TrafficRouter router;

  @AfterEach
  void stop() {
    if (router != null) {
      router.close();
    }
    backends.forEach(b -> b.stop(0));
  }

  @Test
  void shouldForwardMethodPathAndBodyAndNameTheRevision() throws Exception {
    String a = backend("a");
    router = TrafficRouter.start("127.0.0.1", 0, "test");
    router.route(Map.of("run-1", 100), Map.of("run-1", a));

    HttpResponse<String> response = post("/v1/models/recs:predict", "{\"instances\": []}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("a POST /v1/models/recs:predict {\"instances\": []}");
    assertThat(response.headers().firstValue(TrafficRouter.REVISION_HEADER)).hasValue("run-1");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void shouldSplitByWeightAndFollowNewRoutes() throws Exception {
    String a = backend("a");
    String b = backend("b");
    router = TrafficRouter.start("127.0.0.1", 0, "test");
    router.route(Map.of("run-1", 75, "run-2", 25), Map.of("run-1", a, "run-2", b));

    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      counts.merge(post("/x", "").headers().firstValue(TrafficRouter.REVISION_HEADER).orElseThrow(), 1, Integer::sum);
    }
    assertThat(counts).isEqualTo(Map.of("run-1", 6, "run-2", 2));

    router.route(Map.of("run-2", 100), Map.of("run-2", b));
    assertThat(post("/x", "").body()).startsWith("b ");
  }

  @Test
  void shouldAnswerInTfServingShapeWhenNoRevisionServesOrOneIsDown() throws Exception {
    router = TrafficRouter.start("127.0.0.1", 0, "test");
    HttpResponse<String> empty = post("/x", "");
    assertThat(empty.statusCode()).isEqualTo(503);
    assertThat(empty.body()).contains("\"error\"");

    String a = backend("a");
    backends.get(0).stop(0);
    router.route(Map.of("run-1", 100), Map.of("run-1", a));
    HttpResponse<String> down = post("/x", "");
    assertThat(down.statusCode()).isEqualTo(502);
    assertThat(down.body()).contains("revision run-1 is not answering");
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(router.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String backend(String name) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String got = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          byte[] answer =
              (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + got)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
          exchange.sendResponseHeaders(201, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    backends.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}
