package dev.trainflow.activities.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * An in-process fake of the Cloud Storage JSON API on the JDK's HTTP server (localhost, a free
 * port): buckets with a location, objects in memory, metadata and media reads, listing by prefix
 * with pages, multipart and resumable uploads, deletes. Every request is recorded so tests can
 * assert exactly what the real client sent; {@link #failNext} makes the next matching requests
 * answer with an error status.
 */
public final class FakeGcsServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the client sent it: method, decoded path, query parameters, content type. */
  public record Request(String method, String path, Map<String, String> query, String contentType, String contentRange) {
    public String param(String name) {
      return query.get(name);
    }

    public boolean isMediaRead() {
      return method.equals("GET") && "media".equals(query.get("alt"));
    }

    @Override
    public String toString() {
      return method + " " + path + (query.isEmpty() ? "" : " " + query);
    }
  }

  private record Failure(Predicate<Request> matches, int status, int[] remaining) {}

  private record Upload(String bucket, String name, ByteArrayOutputStream received) {}

  private final HttpServer server;
  private final Map<String, String> bucketLocations = new ConcurrentHashMap<>();
  private final Map<String, TreeMap<String, byte[]>> objects = new ConcurrentHashMap<>();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final AtomicLong generation = new AtomicLong(1_000);
  private final int pageSize;

  public FakeGcsServer() throws IOException {
    this(1000);
  }

  /** @param pageSize the most objects one list page returns when the client asks for more */
  public FakeGcsServer(int pageSize) throws IOException {
    this.pageSize = pageSize;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String endpoint() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  public FakeGcsServer bucket(String name, String location) {
    bucketLocations.put(name, location);
    objects.computeIfAbsent(name, b -> new TreeMap<>());
    return this;
  }

  public void put(String bucket, String name, byte[] content) {
    synchronized (objects) {
      objects.computeIfAbsent(bucket, b -> new TreeMap<>()).put(name, content);
    }
  }

  public byte[] object(String bucket, String name) {
    synchronized (objects) {
      TreeMap<String, byte[]> b = objects.get(bucket);
      return b == null ? null : b.get(name);
    }
  }

  public List<String> names(String bucket) {
    synchronized (objects) {
      return new ArrayList<>(objects.getOrDefault(bucket, new TreeMap<>()).keySet());
    }
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  /** The next {@code times} requests that match answer {@code status} (with a JSON error body). */
  public void failNext(Predicate<Request> matches, int status, int times) {
    failures.add(new Failure(matches, status, new int[] {times}));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        // the client gzips upload bodies unless told not to
        body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
      }
      String rawPath = exchange.getRequestURI().getRawPath();
      Request request =
          new Request(
              exchange.getRequestMethod(),
              decodePath(rawPath),
              query(exchange.getRequestURI().getRawQuery()),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("Content-Range"));
      requests.add(request);
      for (Failure failure : failures) {
        synchronized (failure) {
          if (failure.remaining()[0] > 0 && failure.matches().test(request)) {
            failure.remaining()[0]--;
            error(exchange, failure.status(), "injected failure");
            return;
          }
        }
      }
      route(exchange, request, rawPath, body);
    } catch (RuntimeException | IOException e) {
      // a fake that cannot parse what the client sent says so instead of dropping the connection
      error(exchange, 500, "fake failed: " + e);
    }
  }

  private void route(HttpExchange exchange, Request request, String rawPath, byte[] body) throws IOException {
    String[] segments = rawPath.split("/");
    // /storage/v1/b/{bucket}[/o[/{object}]]  or  /upload/storage/v1/b/{bucket}/o  or  /download/storage/v1/b/...
    int b = indexOf(segments, "b");
    if (b < 0 || b + 1 >= segments.length) {
      error(exchange, 404, "unknown path " + rawPath);
      return;
    }
    String bucket = decode(segments[b + 1]);
    if (!bucketLocations.containsKey(bucket)) {
      error(exchange, 404, "The specified bucket does not exist.");
      return;
    }
    boolean hasObjects = b + 2 < segments.length && segments[b + 2].equals("o");
    String object = b + 3 < segments.length ? decode(String.join("/", java.util.Arrays.copyOfRange(segments, b + 3, segments.length))) : null;
    String method = request.method();
    if (!hasObjects) {
      if (method.equals("GET")) {
        ObjectNode node = JSON.createObjectNode().put("kind", "storage#bucket").put("name", bucket).put("id", bucket)
            .put("location", bucketLocations.get(bucket)).put("locationType", bucketLocations.get(bucket).contains("-") ? "region" : "multi-region");
        json(exchange, 200, node);
        return;
      }
      error(exchange, 405, "unsupported " + method + " on a bucket");
      return;
    }
    if (rawPath.startsWith("/upload/")) {
      upload(exchange, request, bucket, body);
      return;
    }
    if (object == null) {
      if (method.equals("GET")) {
        list(exchange, request, bucket);
        return;
      }
      error(exchange, 405, "unsupported " + method + " on objects");
      return;
    }
    byte[] content = object(bucket, object);
    switch (method) {
      case "GET" -> {
        if (content == null) {
          error(exchange, 404, "No such object: " + bucket + "/" + object);
        } else if (request.isMediaRead()) {
          exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
          exchange.getResponseHeaders().add("x-goog-generation", Long.toString(generation.get()));
          exchange.getResponseHeaders().add("x-goog-hash", "crc32c=" + crc32c(content) + ",md5=" + md5(content));
          send(exchange, 200, content);
        } else {
          json(exchange, 200, resource(bucket, object, content));
        }
      }
      case "DELETE" -> {
        boolean removed;
        synchronized (objects) {
          removed = objects.get(bucket).remove(object) != null;
        }
        if (removed) {
          send(exchange, 204, new byte[0]);
        } else {
          error(exchange, 404, "No such object: " + bucket + "/" + object);
        }
      }
      default -> error(exchange, 405, "unsupported " + method + " on an object");
    }
  }

  private void list(HttpExchange exchange, Request request, String bucket) throws IOException {
    String prefix = Objects.requireNonNullElse(request.param("prefix"), "");
    int max = request.param("maxResults") == null ? pageSize : Math.min(pageSize, Integer.parseInt(request.param("maxResults")));
    String after = request.param("pageToken");
    ArrayNode items = JSON.createArrayNode();
    String next = null;
    synchronized (objects) {
      for (Map.Entry<String, byte[]> e : objects.get(bucket).entrySet()) {
        if (!e.getKey().startsWith(prefix) || (after != null && e.getKey().compareTo(after) <= 0)) {
          continue;
        }
        if (items.size() == max) {
          next = items.get(items.size() - 1).get("name").asText();
          break;
        }
        items.add(resource(bucket, e.getKey(), e.getValue()));
      }
    }
    ObjectNode page = JSON.createObjectNode().put("kind", "storage#objects");
    page.set("items", items);
    if (next != null) {
      page.put("nextPageToken", next);
    }
    json(exchange, 200, page);
  }

  private void upload(HttpExchange exchange, Request request, String bucket, byte[] body) throws IOException {
    String type = request.param("uploadType");
    if ("multipart".equals(type)) {
      List<byte[]> parts = multipartParts(request.contentType(), body);
      JsonNode metadata = JSON.readTree(parts.get(0));
      String name = metadata.get("name").asText();
      put(bucket, name, parts.get(1));
      json(exchange, 200, resource(bucket, name, parts.get(1)));
      return;
    }
    if ("resumable".equals(type) && request.method().equals("POST")) {
      String name = request.param("name") != null ? request.param("name") : JSON.readTree(body).get("name").asText();
      String id = "upload-" + generation.incrementAndGet();
      uploads.put(id, new Upload(bucket, name, new ByteArrayOutputStream()));
      exchange.getResponseHeaders().add(
          "Location", endpoint() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&upload_id=" + id);
      send(exchange, 200, new byte[0]);
      return;
    }
    if ("resumable".equals(type) && request.method().equals("PUT")) {
      Upload upload = uploads.get(request.param("upload_id"));
      if (upload == null) {
        error(exchange, 404, "no such upload");
        return;
      }
      upload.received().write(body);
      String range = request.contentRange() == null ? "bytes */*" : request.contentRange();
      String total = range.substring(range.lastIndexOf('/') + 1);
      if (!total.equals("*") && Long.parseLong(total) == upload.received().size()) {
        byte[] content = upload.received().toByteArray();
        put(upload.bucket(), upload.name(), content);
        uploads.remove(request.param("upload_id"));
        json(exchange, 200, resource(upload.bucket(), upload.name(), content));
      } else {
        if (upload.received().size() > 0) {
          exchange.getResponseHeaders().add("Range", "bytes=0-" + (upload.received().size() - 1));
        }
        send(exchange, 308, new byte[0]);
      }
      return;
    }
    error(exchange, 400, "unsupported uploadType " + type);
  }

  private ObjectNode resource(String bucket, String name, byte[] content) {
    return JSON.createObjectNode()
        .put("kind", "storage#object")
        .put("id", bucket + "/" + name + "/1")
        .put("name", name)
        .put("bucket", bucket)
        .put("generation", "1")
        .put("metageneration", "1")
        .put("size", Integer.toString(content.length))
        .put("contentType", "application/octet-stream")
        .put("md5Hash", md5(content))
        .put("crc32c", crc32c(content));
  }

  private static List<byte[]> multipartParts(String contentType, byte[] body) {
    String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<byte[]> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      int next = indexOf(body, delimiter, start);
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      int contentEnd = next - 2; // the CRLF before the delimiter
      parts.add(java.util.Arrays.copyOfRange(body, headersEnd + 4, contentEnd));
      at = next;
    }
    return parts;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int indexOf(String[] segments, String value) {
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].equals(value) && i > 0 && segments[i - 1].equals("v1")) {
        return i;
      }
    }
    return -1;
  }

  private static String md5(byte[] content) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String crc32c(byte[] content) {
    CRC32C crc = new CRC32C();
    crc.update(content);
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return query;
  }

  private static String decodePath(String raw) {
    return decode(raw.replace("+", "%2B"));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void json(HttpExchange exchange, int status, JsonNode node) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    send(exchange, status, JSON.writeValueAsBytes(node));
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    ObjectNode error = JSON.createObjectNode();
    ObjectNode inner = error.putObject("error").put("code", status).put("message", message);
    inner.putArray("errors").addObject().put("message", message).put("reason", status == 404 ? "notFound" : "backendError");
    json(exchange, status, error);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (status == 204 || status == 308 && body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
