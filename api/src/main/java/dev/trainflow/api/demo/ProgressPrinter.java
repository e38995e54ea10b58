package dev.trainflow.api.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prints one line per stage change and per finished epoch, from successive run snapshots. */
final class ProgressPrinter {
  private final Map<String, String> stageStatus = new HashMap<>();
  private final Printer printer;
  private int lastEpoch;

  interface Printer {
    void say(String format, Object... args);
  }

  ProgressPrinter(Printer printer) {
    this.printer = printer;
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
    int epoch = run.path("current_epoch").asInt();
    if (epoch > lastEpoch) {
      lastEpoch = epoch;
      JsonNode m = run.path("metrics");
      printer.say("train      epoch %d/%d  loss %.4f  val_loss %.4f  val recall@10 %.4f  val recall@100 %.4f  (%d%%)",
          epoch, run.path("total_epochs").asInt(), m.path("loss").asDouble(), m.path("validation_loss").asDouble(),
          m.path("recall_at_10").asDouble(), m.path("recall_at_100").asDouble(), run.path("progress_percent").asInt());
    }
    for (JsonNode stage : ended) {
      printer.say("%-10s %-9s %5.1fs  %s", stage.path("stage").asText(), stage.path("status").asText(),
          stage.path("duration_seconds").asDouble(), stage.path("message").asText(""));
    }
  }
}
