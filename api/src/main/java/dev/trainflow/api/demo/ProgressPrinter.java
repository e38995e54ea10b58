package dev.trainflow.api.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Prints one line per stage change and per finished epoch (or fold), from successive run snapshots. */
final class ProgressPrinter {
  private final Map<String, String> stageStatus = new HashMap<>();
  private final Printer printer;
  private final Supplier<JsonNode> history;
  private int lastEpoch;

  interface Printer {
    void say(String format, Object... args);
  }

  /** A tabular run's printer: stages and cross-validation folds. */
  static ProgressPrinter forFolds(Printer printer) {
    return new ProgressPrinter(printer, null);
  }

  /** @param history the run's training history, fetched when epochs finished since last time */
  ProgressPrinter(Printer printer, Supplier<JsonNode> history) {
    this.printer = printer;
    this.history = history;
  }

  /** Stages that started, then the newest epoch, then stages that ended: the order they happened. */
  void print(JsonNode run) {
    List<JsonNode> ended = new ArrayList<>();
    for (JsonNode stage : run.path("stage_details")) {
      String name = stage.path("stage").asText();
      String status = stage.path("status").asText();
      if (status.equals(stageStatus.put(name, status)) || status.equals("pending")) {
        continue;
      }
      if (status.equals("running")) {
        printer.say("%-10s running", name);
      } else {
        ended.add(stage);
      }
    }
    if (history == null && run.path("current_epoch").asInt() > lastEpoch) {
      // a tabular run counts cross-validation folds in its epochs; it has no per-epoch history
      lastEpoch = run.path("current_epoch").asInt();
      printer.say("train      cv fold %d/%d done", lastEpoch, run.path("total_epochs").asInt());
    } else if (run.path("current_epoch").asInt() > lastEpoch) {
      int total = run.path("total_epochs").asInt();
      for (JsonNode e : history.get().path("epochs")) {
        int epoch = e.path("epoch").asInt();
        if (epoch > lastEpoch) {
          lastEpoch = epoch;
          printer.say("train      epoch %d/%d  loss %.4f  val_loss %.4f  val recall@10 %.4f  val recall@100 %.4f  %,.0f ex/s",
              epoch, total, e.path("train_loss").asDouble(), e.path("validation_loss").asDouble(),
              e.path("recall_at_10").asDouble(), e.path("recall_at_100").asDouble(), e.path("examples_per_second").asDouble());
        }
      }
    }
    for (JsonNode stage : ended) {
      printer.say("%-10s %-9s %5.1fs  %s", stage.path("stage").asText(), stage.path("status").asText(),
          stage.path("duration_seconds").asDouble(), stage.path("message").asText(""));
    }
  }
}
