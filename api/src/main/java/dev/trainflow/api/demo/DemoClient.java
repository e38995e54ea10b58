package dev.trainflow.api.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The demos' REST calls against the service they started, and their timestamped progress lines. */
final class DemoClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String base;
  private final PrintStream out;
  private final long startedAt = System.nanoTime();

  DemoClient(String base, PrintStream out) {
    this.base = base;
    this.out = out;
  }

  PrintStream out() {
    return out;
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startedAt) / 1e9;
  }

  /** The item of the listing named {@code name}, else a new one from {@code body}; its id. */
  long findOrCreate(String path, String name, String body) throws IOException, InterruptedException {
    for (JsonNode item : get(path).path("items")) {
      if (item.path("name").asText().equals(name)) {
        say("reusing %s '%s' (id %d)", path.substring(5), name, item.get("id").asLong());
        return item.get("id").asLong();
      }
    }
    long id = post(path, body).get("id").asLong();
    say("created %s '%s' (id %d)", path.substring(5), name, id);
    return id;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  /** @param path an api path, or a full URL (an endpoint's predict_url) */
  JsonNode post(String path, String body) throws IOException, InterruptedException {
    return json.readTree(postForResponse(path, body).body());
  }

  /** As {@link #post}, with the answer's headers (an endpoint names its serving revision in one). */
  HttpResponse<String> postForResponse(String path, String body) throws IOException, InterruptedException {
    return sendForResponse(
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
            .header("Content-Type", "application/json")
            .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    return json.readTree(sendForResponse(request).body());
  }

  private HttpResponse<String> sendForResponse(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  void say(String format, Object... args) {
    out.printf("[%6.1fs] %s%n", elapsedSeconds(), String.format(format, args));
  }
}
