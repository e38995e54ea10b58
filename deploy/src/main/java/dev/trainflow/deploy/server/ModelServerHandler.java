package dev.trainflow.deploy.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TF Serving REST routes: {@code GET /v1/models/{name}[/versions/{v}]} (status), {@code
 * .../metadata}, {@code POST ...:predict}; plus {@code GET /health} and {@code GET /metrics}
 * (Prometheus). Every error is {@code {"error": "..."}} with its status, never a stack trace.
 */
final class ModelServerHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ModelServerHandler.class);
  private static final Pattern MODEL_ROUTE =
      Pattern.compile("^/v1/models/([^/:]+)(?:/versions/([^/:]+))?(?:(/metadata)|:([A-Za-z]+))?/?$");
  private static final String JSON = "application/json";
  private static final int MAX_BODY_BYTES = 64 << 20;

  private final ServedModel model;
  private final BatchScheduler batches;
  private final PredictRequestReader reader;
  private final ObjectMapper json;
  private final PrometheusMeterRegistry meters;

  ModelServerHandler(ServedModel model, BatchScheduler batches, ObjectMapper json, PrometheusMeterRegistry meters) {
    this.model = model;
    this.batches = batches;
    this.reader = new PredictRequestReader(json);
    this.json = json;
    this.meters = meters;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String route = "other";
    int status;
    try {
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      if ("/health".equals(path)) {
        route = "health";
        status = respond(exchange, 200, JSON, bytes("{\"status\":\"UP\",\"version\":\"" + model.current().version() + "\"}"));
      } else if ("/metrics".equals(path)) {
        route = "metrics";
        status = respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", bytes(meters.scrape()));
      } else {
        Matcher m = MODEL_ROUTE.matcher(path);
        if (!m.matches()) {
          throw ServingException.notFound("no route for " + method + " " + path + "; this server answers /v1/models/{name}[/versions/{v}][/metadata|:predict], /health and /metrics");
        }
        String name = m.group(1);
        Long version = version(m.group(2));
        if (m.group(4) != null) {
          route = "predict";
          status = predict(exchange, method, name, version, m.group(4));
        } else {
          route = m.group(3) != null ? "metadata" : "status";
          requireMethod(method, "GET");
          status = describe(exchange, name, version, m.group(3) != null);
        }
      }
    } catch (ServingException e) {
      status = error(exchange, e.status(), e.getMessage());
    } catch (IOException e) {
      // the client went away mid-request: nothing to answer
      exchange.close();
      return;
    } catch (RuntimeException e) {
      log.error("unexpected failure answering {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      status = error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
    }
    Timer.builder("model_server_requests")
        .description("HTTP requests by route and status")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(meters)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  private int predict(HttpExchange exchange, String method, String name, Long version, String verb) throws IOException {
    requireMethod(method, "POST");
    if (!"predict".equals(verb)) {
      throw ServingException.badRequest("':" + verb + "' is not supported; this server answers ':predict'");
    }
    ServableVersion servable = model.acquire(name, version);
    batches.arrive();
    boolean submitted = false;
    try {
      JsonNode body = reader.parse(readBody(exchange));
      ServingSignature signature = servable.signature(PredictRequestReader.signatureName(body));
      PredictInput input = reader.read(body, signature);
      submitted = true;
      BatchResult result = batches.submit(servable, input).get();
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 4096 * input.rows());
      try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
        PredictResponseWriter.write(generator, result, input.columnar());
      }
      return respond(exchange, 200, JSON, out.toByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServingException(503, "the model server is shutting down");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ServingException serving) {
        throw serving;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      if (!submitted) {
        batches.abandon();
      }
      servable.release();
    }
  }

  private int describe(HttpExchange exchange, String name, Long version, boolean metadata) throws IOException {
    ServableVersion servable = model.acquire(name, version);
    try {
      Object body = metadata ? ModelDescriptions.metadata(json, name, servable) : ModelDescriptions.status(json, servable);
      return respond(exchange, 200, JSON, json.writeValueAsBytes(body));
    } finally {
      servable.release();
    }
  }

  private static Long version(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ServingException.badRequest("version '" + text + "' must be a number");
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!expected.equals(method)) {
      throw new ServingException(405, "this route takes " + expected + ", not " + method);
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new ServingException(413, "the request body exceeds " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  private int error(HttpExchange exchange, int status, String message) throws IOException {
    try {
      return respond(exchange, status, JSON, json.writeValueAsBytes(json.createObjectNode().put("error", message)));
    } catch (IOException e) {
      exchange.close();
      return status;
    }
  }

  private static int respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    return status;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
