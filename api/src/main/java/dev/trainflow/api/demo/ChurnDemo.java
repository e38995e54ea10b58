package dev.trainflow.api.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 9 end to end over the REST API ({@code demo churn}): a churn dataset, an XGBoost run with
 * cross-validation and gates that goes to production on a new endpoint, a tuning job that improves
 * on it, its best trial promoted to a full run, that run's version to staging (measured against
 * production) and to production on the same endpoint, and a prediction served by it. True when all
 * of it succeeded and the tuned model beat the base one.
 */
final class ChurnDemo {
  private static final Duration POLL = Duration.ofMillis(500);
  // each run and the tuning job take seconds here: a wait this long means something is stuck
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DemoClient client;
  private final PrintStream out;

  ChurnDemo(DemoClient client) {
    this.client = client;
    this.out = client.out();
  }

  boolean run() throws IOException, InterruptedException {
    // registered models and endpoints keep their names: a fresh pair per invocation lets it run again
    String suffix = Long.toString(System.currentTimeMillis(), 36);
    String mlModel = "demo-churn-" + suffix;
    long dataset = client.findOrCreate("/api/datasets", "demo-churn", ChurnRequests.DATASET);
    long features = client.findOrCreate("/api/feature-configs", "demo-churn-features", ChurnRequests.FEATURE_CONFIG);
    long model = client.findOrCreate("/api/model-configs", "demo-churn-xgboost", ChurnRequests.MODEL_CONFIG);
    String baseRun = ChurnRequests.baseRun(dataset, features, model, mlModel);

    section("base run: XGBoost, 8 stumps, 3-fold CV, gates min_auc_roc 0.6 and min_accuracy 0.6");
    JsonNode base = startAndWatch(ChurnRequests.named(mlModel + "-base", baseRun));
    if (!base.get("status").asText().equals("completed")) {
      return false;
    }
    JsonNode first = transition(mlModel, base.get("registered_model_version").asInt(),
        ChurnRequests.toProductionNewEndpoint("churn-" + suffix));
    long endpointId = first.at("/deployment/id").asLong();
    String predictUrl = first.at("/deployment/predict_url").asText();
    client.say("endpoint %s (id %d) serves it at %s", first.at("/deployment/name").asText(), endpointId, predictUrl);

    section("tuning job: TPE over num_trees, max_depth, learning_rate, min_child_weight; 6 trials, 3 at once, successive halving on folds");
    JsonNode job = tune(ChurnRequests.tuningJob(mlModel + "-search", baseRun));
    if (!job.get("status").asText().equals("completed")) {
      client.say("tuning job %s%s", job.get("status").asText(), job.hasNonNull("error") ? ": " + job.get("error").asText() : "");
      return false;
    }
    double baseAuc = base.at("/evaluation_results/metrics/cv_roc_auc").asDouble();
    double bestAuc = job.get("best_value").asDouble();
    boolean improved = bestAuc > baseAuc;
    client.say("best: trial %d, cv_roc_auc %.4f vs the base run's %.4f (%+.4f): %s", job.get("best_trial").asInt(),
        bestAuc, baseAuc, bestAuc - baseAuc, improved ? "improved" : "NOT improved");

    section("promotion: the best trial's params as a full run, then staging and production");
    JsonNode promoted = client.post("/api/tuning-jobs/" + job.get("id").asLong() + "/promote", null);
    client.say("promoted trial %d as run %d", promoted.get("trial_number").asInt(), promoted.get("id").asLong());
    JsonNode tuned = watch(promoted.get("id").asLong());
    if (!tuned.get("status").asText().equals("completed")) {
      return false;
    }
    int version = tuned.get("registered_model_version").asInt();
    printComparison(transition(mlModel, version, ChurnRequests.TO_STAGING).path("comparison"));
    transition(mlModel, version, ChurnRequests.toProductionOnEndpoint(endpointId));
    boolean served = predict(predictUrl, "run-" + tuned.get("id").asLong());
    out.printf("wall time: %.1f s%n", client.elapsedSeconds());
    return served && improved;
  }

  private JsonNode startAndWatch(String body) throws IOException, InterruptedException {
    JsonNode run = client.post("/api/training-runs", body);
    client.say("started run %d (%s #%d), workflow %s", run.get("id").asLong(), run.get("ml_model_name").asText(),
        run.get("run_number").asInt(), run.get("workflow_id").asText());
    return watch(run.get("id").asLong());
  }

  /** Polls the run until it ends, printing its stages and folds, then its results. */
  private JsonNode watch(long id) throws IOException, InterruptedException {
    ProgressPrinter printer = ProgressPrinter.forFolds(client::say);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    JsonNode run;
    while (true) {
      run = client.get("/api/training-runs/" + id);
      printer.print(run);
      String status = run.get("status").asText();
      if (status.equals("completed") || status.equals("failed") || status.equals("cancelled")
          || (status.equals("not_blessed") && run.path("completed_at").isTextual())) {
        break;
      }
      if (System.nanoTime() > deadline) {
        client.say("run %d still %s after %d minutes: giving up", id, status, PATIENCE.toMinutes());
        return run;
      }
      Thread.sleep(POLL.toMillis());
    }
    client.say("run %d ended: %s", id, run.get("status").asText());
    if (run.hasNonNull("error_message")) {
      client.say("error at %s: %s", run.path("error_stage").asText("-"), run.get("error_message").asText());
    } else {
      printResults(run);
    }
    return run;
  }

  private void printResults(JsonNode run) {
    JsonNode evaluation = run.path("evaluation_results");
    JsonNode m = evaluation.path("metrics");
    out.printf("  cv (3 folds)  roc_auc %.4f ± %.4f   accuracy %.4f ± %.4f   f1 %.4f ± %.4f%n",
        m.path("cv_roc_auc").asDouble(), m.path("cv_roc_auc_std").asDouble(), m.path("cv_accuracy").asDouble(),
        m.path("cv_accuracy_std").asDouble(), m.path("cv_f1_score").asDouble(), m.path("cv_f1_score_std").asDouble());
    out.printf("  test split    roc_auc %.4f   pr_auc %.4f   accuracy %.4f   precision %.4f   recall %.4f   f1 %.4f%n",
        m.path("roc_auc").asDouble(), m.path("pr_auc").asDouble(), m.path("accuracy").asDouble(),
        m.path("precision").asDouble(), m.path("recall").asDouble(), m.path("f1_score").asDouble());
    for (JsonNode gate : evaluation.path("gates")) {
      out.printf("  gate %-13s %-8s %.4f vs %.2f: %s%n", gate.path("gate").asText(), gate.path("metric").asText(),
          gate.path("value").asDouble(), gate.path("threshold").asDouble(), gate.path("passed").asBoolean() ? "pass" : "FAIL");
    }
    List<Map.Entry<String, JsonNode>> importance = new ArrayList<>();
    evaluation.path("feature_importance").fields().forEachRemaining(importance::add);
    importance.sort((a, b) -> Double.compare(b.getValue().asDouble(), a.getValue().asDouble()));
    StringBuilder top = new StringBuilder("  feature importance (gain):");
    importance.stream().limit(5).forEach(e -> top.append(String.format(" %s %.3f", e.getKey(), e.getValue().asDouble())));
    out.println(top);
    out.printf("  blessed: %s, registered as %s version %s%n", evaluation.path("blessed").asBoolean(),
        run.path("ml_model_name").asText(), run.path("registered_model_version").asText("-"));
  }

  /** Starts the tuning job and prints each trial as it ends; the ended job. */
  private JsonNode tune(String body) throws IOException, InterruptedException {
    JsonNode job = client.post("/api/tuning-jobs", body);
    long id = job.get("id").asLong();
    client.say("started tuning job %d (%s), seed %d", id, job.get("name").asText(), job.path("seed").asLong());
    Set<Integer> ended = new HashSet<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      job = client.get("/api/tuning-jobs/" + id);
      for (JsonNode trial : job.path("trials")) {
        String status = trial.path("status").asText();
        if (!status.equals("running") && ended.add(trial.get("trial_number").asInt())) {
          client.say("trial %d %-14s %s  %s", trial.get("trial_number").asInt(), status, params(trial.path("params")),
              objective(trial));
        }
      }
      if (!job.get("status").asText().equals("running")) {
        return job;
      }
      if (System.nanoTime() > deadline) {
        client.say("tuning job %d still running after %d minutes: giving up", id, PATIENCE.toMinutes());
        for (JsonNode trial : job.path("trials")) {
          if (trial.path("status").asText().equals("running")) {
            client.say("trial %d (run %d) is still running", trial.get("trial_number").asInt(),
                trial.path("training_run_id").asLong());
          }
        }
        return job;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** A completed trial's cv_roc_auc; a stopped one's fold score, the one successive halving ranked it on. */
  private static String objective(JsonNode trial) {
    if (trial.path("objective_value").isNumber()) {
      return String.format("cv_roc_auc %.4f", trial.get("objective_value").asDouble());
    }
    JsonNode fold = trial.path("metrics").path("roc_auc");
    return fold.isNumber()
        ? String.format("roc_auc %.4f on fold %d, cancelled by successive halving", fold.asDouble(), trial.path("last_step").asInt())
        : trial.path("error").asText("no objective");
  }

  private static String params(JsonNode params) {
    StringBuilder line = new StringBuilder();
    params.fields().forEachRemaining(p -> line.append(p.getKey()).append('=')
        .append(p.getValue().isIntegralNumber() ? p.getValue().asText() : String.format("%.3f", p.getValue().asDouble()))
        .append(' '));
    return line.toString().strip();
  }

  private JsonNode transition(String mlModel, int version, String body) throws IOException, InterruptedException {
    JsonNode answer = client.post("/api/models/" + mlModel + "/versions/" + version + "/transition", body);
    client.say("%s version %d: %s -> %s%s", mlModel, version, answer.path("from").asText(), answer.path("to").asText(),
        answer.path("archived_versions").isEmpty() ? "" : " (archived version " + answer.get("archived_versions").get(0).asText() + ")");
    return answer;
  }

  /** Champion/challenger: per metric the candidate against production on the same held-out rows. */
  private void printComparison(JsonNode comparison) {
    if (comparison.has("skipped")) {
      out.println("  comparison skipped: " + comparison.get("skipped").asText());
      return;
    }
    out.println("  challenger vs champion      candidate  champion     delta   95% CI              verdict");
    for (JsonNode m : comparison.path("metrics")) {
      out.printf("  %-26s %9.4f %9.4f %+9.4f   [%+.4f, %+.4f]  %s%n", m.path("metric").asText(), m.path("candidate").asDouble(),
          m.path("champion").asDouble(), m.path("delta").asDouble(), m.path("ci_low").asDouble(), m.path("ci_high").asDouble(),
          m.path("verdict").asText());
    }
  }

  /** Posts two customers to the endpoint; true when the promoted run's revision answered both. */
  private boolean predict(String url, String expectedRevision) throws IOException, InterruptedException {
    out.println();
    out.println("POST " + url);
    out.println(ChurnRequests.PREDICT.strip());
    HttpResponse<String> response = client.postForResponse(url, ChurnRequests.PREDICT);
    String revision = response.headers().firstValue("X-Trainflow-Revision").orElse("-");
    JsonNode predictions = JSON.readTree(response.body()).path("predictions");
    String[] who = {"new, month-to-month, 5 support calls", "5 years, two-year contract, no calls"};
    for (int i = 0; i < predictions.size() && i < who.length; i++) {
      out.printf("  %-40s p(churn) %.3f%n", who[i], predictions.get(i).path("probabilities").path(1).asDouble());
    }
    out.printf("served by revision %s (X-Trainflow-Revision), the promoted run's: %s%n", revision,
        revision.equals(expectedRevision) ? "yes" : "NO, expected " + expectedRevision);
    out.println("(the endpoint stops with the demo; `java -jar api/target/trainflow-api.jar` keeps it serving)");
    return predictions.size() == 2 && revision.equals(expectedRevision);
  }

  private void section(String title) {
    out.println();
    client.say("== %s", title);
  }
}
