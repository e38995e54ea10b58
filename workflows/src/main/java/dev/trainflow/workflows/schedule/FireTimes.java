package dev.trainflow.workflows.schedule;

import java.util.List;

/**
 * Fire times as recorded by {@code Workflow.sideEffect} (a record, so the list's element type
 * survives the payload converter), plus how many more there were past the ones listed.
 */
public record FireTimes(List<Long> millis, long more) {
  Long first() {
    return millis.isEmpty() ? null : millis.get(0);
  }

  Long last() {
    return millis.isEmpty() ? null : millis.get(millis.size() - 1);
  }

  long count() {
    return millis.size() + more;
  }
}
