package dev.trainflow.api.runs;

import dev.trainflow.activities.persistence.TrainingRunRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded Temporal server keeps workflows in memory: after a restart, runs that were going
 * have no workflow any more. Rather than show them as running forever, fail them with a reason.
 */
@Component
@ConditionalOnExpression("'${trainflow.temporal.address:}'.isBlank()")
class LostRunReconciler {
  private static final Logger log = LoggerFactory.getLogger(LostRunReconciler.class);

  private final TrainingRunRepository runs;

  LostRunReconciler(TrainingRunRepository runs) {
    this.runs = runs;
  }

  @EventListener(ContextRefreshedEvent.class)
  void failRunsLostWithTheLastProcess() {
    int lost =
        runs.failUnfinished(
            "the embedded Temporal server restarted and lost this run's workflow (it keeps state in memory only);"
                + " retry it (POST /api/training-runs/{id}/retry resumes from its last checkpoint), or use a"
                + " Temporal cluster (TEMPORAL_ADDRESS) for runs that survive restarts");
    if (lost > 0) {
      log.warn("{} run(s) were still going when the last process stopped; marked failed", lost);
    }
  }
}
