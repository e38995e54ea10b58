package dev.trainflow.api.budget;

import dev.trainflow.activities.persistence.Budget;
import dev.trainflow.activities.persistence.BudgetRepository;
import dev.trainflow.api.schedules.ScheduleService;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches the month's spending: each threshold crossed is logged once; at 100 % of the budget
 * every active schedule is paused (one-off runs are not stopped: they were asked for by a person).
 */
@Component
public class BudgetMonitor {
  private static final Logger log = LoggerFactory.getLogger(BudgetMonitor.class);

  private final BudgetRepository budgets;
  private final ScheduleService schedules;
  private final Clock clock;

  BudgetMonitor(BudgetRepository budgets, ScheduleService schedules) {
    this.budgets = budgets;
    this.schedules = schedules;
    this.clock = Clock.systemUTC();
  }

  @Scheduled(fixedDelayString = "${trainflow.budget.check-interval:PT30S}", initialDelayString = "PT30S")
  public void scheduledCheck() {
    try {
      check();
    } catch (RuntimeException e) {
      log.warn("budget check failed: {}", e.getMessage());
    }
  }

  /** Checks the spending now; returns the status it acted on. */
  public BudgetStatus check() {
    BudgetStatus status = status();
    if (status.ratio() == null) {
      return status;
    }
    YearMonth month = YearMonth.parse(status.month());
    for (double threshold : status.thresholds()) {
      if (status.ratio() >= threshold && budgets.recordCrossing(month, threshold, status.spentUsd())) {
        log.warn(
            "spending crossed {} % of the monthly budget: ${} of ${} in {}",
            Math.round(threshold * 100), String.format("%.2f", status.spentUsd()),
            String.format("%.2f", status.monthlyUsd()), month);
      }
    }
    if (status.ratio() >= 1.0) {
      List<Long> paused =
          schedules.pauseActive(String.format("monthly budget of $%.2f spent ($%.2f)", status.monthlyUsd(), status.spentUsd()));
      if (!paused.isEmpty()) {
        log.warn("paused schedules {}: the monthly budget is spent", paused);
      }
    }
    return status();
  }

  public BudgetStatus status() {
    Budget budget = budgets.get();
    YearMonth month = YearMonth.now(clock);
    double spent = budgets.spent(month);
    Double ratio = budget.monthlyUsd() == null ? null : spent / budget.monthlyUsd();
    return new BudgetStatus(budget.monthlyUsd(), budget.thresholds(), month.toString(), spent, ratio, budgets.crossed(month));
  }
}
