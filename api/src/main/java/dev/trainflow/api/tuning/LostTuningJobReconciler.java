package dev.trainflow.api.tuning;

import dev.trainflow.activities.persistence.TuningJobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded Temporal server keeps workflows in memory: after a restart, tuning jobs that were
 * going have no workflow any more (their trial runs are failed by the runs' reconciler). Rather
 * than show them as running forever, fail them with a reason. On a cluster the workflow lives on.
 */
@Component
@ConditionalOnExpression("'${trainflow.temporal.address:}'.isBlank()")
class LostTuningJobReconciler {
  private static final Logger log = LoggerFactory.getLogger(LostTuningJobReconciler.class);

  private final TuningJobRepository jobs;

  LostTuningJobReconciler(TuningJobRepository jobs) {
    this.jobs = jobs;
  }

  @EventListener(ContextRefreshedEvent.class)
  void failJobsLostWithTheLastProcess() {
    int lost =
        jobs.failUnfinished(
            "the embedded Temporal server restarted and lost this tuning job's workflow (it keeps state in memory only);"
                + " its completed trials stay, and promote still takes the best of them; use a Temporal cluster"
                + " (TEMPORAL_ADDRESS) for jobs that survive restarts");
    if (lost > 0) {
      log.warn("{} tuning job(s) were still going when the last process stopped; marked failed", lost);
    }
  }
}
