package dev.trainflow.api.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.api.TrainflowApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The main job on the embedded default, end to end over the REST API: starts the service, creates
 * a synthetic dataset and configs (or reuses them), starts a training run, prints a line per stage
 * and epoch, prints the final metrics, and stops. Exit code 0 when the run completed.
 */
public final class DemoRun {
  private static final Duration POLL = Duration.ofMillis(500);

  private final DemoClient client;
  private final PrintStream out;

  DemoRun(DemoClient client) {
    this.client = client;
    this.out = client.out();
  }

  public static int main(String[] args) {
    // the demo is read by a person: plain log lines unless LOG_FORMAT asks for JSON
    if (System.getenv("LOG_FORMAT") == null && System.getProperty("LOG_FORMAT") == null) {
      System.setProperty("LOG_FORMAT", "plain");
    }
    // `demo churn` runs issue 9's tabular flow instead of the main job
    boolean churn = args.length > 0 && args[0].equals("churn");
    String[] springArgs = churn ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
    // Any free HTTP port unless SERVER_PORT names one: the demo talks to itself.
    String[] withPort = System.getenv("SERVER_PORT") == null ? append(springArgs, "--server.port=0") : springArgs;
    ConfigurableApplicationContext context = SpringApplication.run(TrainflowApplication.class, withPort);
    try {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      DemoClient client = new DemoClient("http://localhost:" + port, System.out);
      return (churn ? new ChurnDemo(client).run() : new DemoRun(client).run()) ? 0 : 1;
    } catch (Exception e) {
      System.err.println("demo failed: " + e.getMessage());
      return 2;
    } finally {
      context.close();
    }
  }

  private static String[] append(String[] args, String arg) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = arg;
    return out;
  }

  boolean run() throws IOException, InterruptedException {
    long dataset = client.findOrCreate("/api/datasets", "demo-synthetic", DemoRequests.DATASET);
    long features = client.findOrCreate("/api/feature-configs", "demo-features", DemoRequests.FEATURE_CONFIG);
    long model = client.findOrCreate("/api/model-configs", "demo-two-tower", DemoRequests.MODEL_CONFIG);
    JsonNode run = client.post("/api/training-runs", DemoRequests.run(dataset, features, model));
    long id = run.get("id").asLong();
    client.say("started run %d (%s #%d), workflow %s", id, run.get("ml_model_name").asText(), run.get("run_number").asInt(),
        run.get("workflow_id").asText());

    ProgressPrinter printer = new ProgressPrinter(client::say, () -> history(id));
    while (true) {
      run = client.get("/api/training-runs/" + id);
      printer.print(run);
      String status = run.get("status").asText();
      if (status.equals("completed") || status.equals("failed") || status.equals("cancelled")
          || (status.equals("not_blessed") && run.path("completed_at").isTextual())) {
        break;
      }
      Thread.sleep(POLL.toMillis());
    }
    printSummary(run);
    boolean completed = run.get("status").asText().equals("completed");
    if (completed && run.hasNonNull("endpoint_id")) {
      return predict(run.get("endpoint_id").asLong());
    }
    return completed;
  }

  private void printSummary(JsonNode run) {
    client.say("run %d ended: %s", run.get("id").asLong(), run.get("status").asText());
    if (run.hasNonNull("error_message")) {
      client.say("error at %s: %s", run.path("error_stage").asText("-"), run.get("error_message").asText());
      return;
    }
    JsonNode evaluation = run.path("evaluation_results");
    if (!evaluation.isMissingNode() && !evaluation.isNull()) {
      out.println();
      out.println("test split                   model    baseline      lift");
      Iterator<Map.Entry<String, JsonNode>> metrics = evaluation.path("metrics").fields();
      while (metrics.hasNext()) {
        Map.Entry<String, JsonNode> m = metrics.next();
        JsonNode baseline = evaluation.path("baseline_metrics").path(m.getKey());
        JsonNode lift = evaluation.path("lift").path(m.getKey());
        out.printf("  %-24s %9.4f %11s %9s%n", m.getKey(), m.getValue().asDouble(),
            baseline.isNumber() ? String.format("%.4f", baseline.asDouble()) : "-",
            lift.isNumber() ? String.format("%+.1f%%", 100 * lift.asDouble()) : "-");
      }
      out.printf("blessed: %s (%s %s %.3f)%n", evaluation.path("blessed").asBoolean(),
          evaluation.path("metric").asText(), evaluation.path("metric").asText().startsWith("recall") ? ">=" : "<=",
          evaluation.path("threshold").asDouble());
    }
    if (run.hasNonNull("registered_model_version")) {
      out.printf("registered: %s version %d, model at %s%n", run.get("ml_model_name").asText(),
          run.get("registered_model_version").asInt(), run.path("model_artifact_uri").asText());
    }
    out.printf("wall time: %.1f s (run duration %.1f s)%n", client.elapsedSeconds(),
        run.path("duration_seconds").asDouble());
  }

  /** Sends the seed's predict request to the run's endpoint and prints the answer. */
  private boolean predict(long endpointId) throws IOException, InterruptedException {
    JsonNode endpoint = client.get("/api/endpoints/" + endpointId);
    String url = endpoint.get("predict_url").asText();
    out.println();
    client.say("endpoint %s serves %s at %s", endpoint.get("name").asText(), endpoint.get("model_name").asText(), url);
    out.println("POST " + url);
    out.println(DemoRequests.PREDICT.strip());
    long sent = System.nanoTime();
    JsonNode answer = client.post(url, DemoRequests.PREDICT);
    double millis = (System.nanoTime() - sent) / 1e6;
    JsonNode predictions = answer.path("predictions");
    out.printf("answer in %.1f ms: %d predictions, top 5 of each:%n", millis, predictions.size());
    for (JsonNode p : predictions) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < Math.min(5, p.path("product_ids").size()); i++) {
        line.append(String.format("%s (%.3f)  ", p.get("product_ids").get(i).asText(), p.get("scores").get(i).asDouble()));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println("(the endpoint stops with the demo; `java -jar api/target/trainflow-api.jar` keeps it serving)");
    return predictions.size() == 3;
  }

  private JsonNode history(long id) {
    try {
      return client.get("/api/training-runs/" + id + "/training-history");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot read the training history: " + e.getMessage(), e);
    }
  }
}
