package dev.trainflow.workflows.pipeline;

import dev.trainflow.workflows.spec.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structural checks of a pipeline's tasks: ids unique, every dependency a task of the pipeline,
 * no task depending on itself, no cycle. Each problem names the field and the ids involved.
 */
public final class PipelineDag {
  private PipelineDag() {}

  /** @param names each task's id, in definition order (null entries are the caller's to report) */
  public static List<FieldError> check(String prefix, List<String> names, List<List<String>> dependencies) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String id = names.get(i);
      if (id == null) {
        continue;
      }
      Integer first = index.putIfAbsent(id, i);
      if (first != null) {
        errors.add(new FieldError(prefix + "[" + i + "].task_id", "duplicate task id '" + id + "' (also tasks[" + first + "])"));
      }
    }
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      List<String> deps = dependencies.get(i) == null ? List.of() : dependencies.get(i);
      String id = names.get(i);
      for (int d = 0; d < deps.size(); d++) {
        String dep = deps.get(d);
        String field = prefix + "[" + i + "].dependencies[" + d + "]";
        if (dep == null || !index.containsKey(dep)) {
          errors.add(new FieldError(field, "unknown dependency '" + dep + "': no task has that id"));
        } else if (dep.equals(id)) {
          errors.add(new FieldError(field, "task '" + id + "' depends on itself"));
        }
      }
      if (id != null) {
        edges.computeIfAbsent(id, k -> new ArrayList<>()).addAll(deps.stream().filter(index::containsKey).filter(d -> !d.equals(id)).toList());
      }
    }
    List<String> cycle = findCycle(edges);
    if (!cycle.isEmpty()) {
      errors.add(new FieldError(prefix, "the dependencies form a cycle: " + String.join(" -> ", cycle)));
    }
    return errors;
  }

  /** One cycle as a path that returns to its start, or empty. */
  static List<String> findCycle(Map<String, List<String>> edges) {
    Set<String> done = new HashSet<>();
    for (String start : edges.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> cycle = visit(start, edges, done, path, new HashSet<>());
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> visit(String node, Map<String, List<String>> edges, Set<String> done, List<String> path, Set<String> onPath) {
    if (done.contains(node)) {
      return List.of();
    }
    if (onPath.contains(node)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return cycle;
    }
    onPath.add(node);
    path.add(node);
    for (String next : edges.getOrDefault(node, List.of())) {
      List<String> cycle = visit(next, edges, done, path, onPath);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    onPath.remove(node);
    done.add(node);
    return List.of();
  }
}
