package dev.trainflow.worker.evaluation;

import java.util.List;

/**
 * Every gate's verdict, in the order configured; {@code passed} when all passed (no gates pass).
 */
public record GateReport(List<GateOutcome> gates, boolean passed) {
  public List<GateOutcome> failed() {
    return gates.stream().filter(g -> !g.passed()).toList();
  }
}
