package dev.trainflow.workflows.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA's stopping rule): each rung keeps the value every trial
 * reported there; a trial reporting at a rung that at least η trials have reached continues only
 * while it ranks in the top ⌊n/η⌋ of them. Decisions are taken in the order reports arrive, which
 * the workflow's history records, so a replay takes the same ones.
 */
final class SuccessiveHalving {
  private final TrialEarlyStopping policy;
  private final TuningObjective objective;
  /** rung step → trial number → value, in arrival order. */
  private final Map<Integer, Map<Integer, Double>> rungs = new LinkedHashMap<>();

  SuccessiveHalving(TrialEarlyStopping policy, TuningObjective objective) {
    this.policy = policy;
    this.objective = objective;
  }

  /** Records the report; whether the trial should stop here. */
  boolean shouldStop(int trial, int step, double value) {
    if (!policy.isRung(step) || Double.isNaN(value)) {
      return false;
    }
    Map<Integer, Double> rung = rungs.computeIfAbsent(step, s -> new LinkedHashMap<>());
    rung.putIfAbsent(trial, value);
    int eta = policy.eta();
    if (rung.size() < eta) {
      return false;
    }
    int keep = rung.size() / eta;
    double own = rung.get(trial);
    List<Double> others = new ArrayList<>();
    rung.forEach((t, v) -> {
      if (t != trial) {
        others.add(v);
      }
    });
    // rank = trials strictly better; ties favour the trial asking (it keeps running)
    long better = others.stream().filter(v -> objective.better(v, own)).count();
    return better >= keep;
  }
}
