package dev.trainflow.api.budget;

import dev.trainflow.activities.persistence.Budget;
import dev.trainflow.activities.persistence.BudgetRepository;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The monthly spending budget: read it, and (admin) set it. */
@RestController
@RequestMapping("/api/budget")
class BudgetController {
  private final BudgetRepository budgets;
  private final BudgetMonitor monitor;
  private final JsonBodyReader json;

  BudgetController(BudgetRepository budgets, BudgetMonitor monitor, JsonBodyReader json) {
    this.budgets = budgets;
    this.monitor = monitor;
    this.json = json;
  }

  @GetMapping
  BudgetStatus get() {
    return monitor.status();
  }

  @PutMapping
  BudgetStatus put(@RequestBody(required = false) String body) {
    BudgetRequest request = json.read(body, BudgetRequest.class);
    SpecValidator v = new SpecValidator();
    if (request.monthlyUsd() != null && (request.monthlyUsd().isNaN() || request.monthlyUsd() <= 0)) {
      v.reject("monthly_usd", "must be more than 0, or null for no budget; got " + request.monthlyUsd());
    }
    List<Double> thresholds = request.thresholds() != null ? request.thresholds() : Budget.DEFAULT_THRESHOLDS;
    for (int i = 0; i < thresholds.size(); i++) {
      Double t = thresholds.get(i);
      if (t == null || t.isNaN() || t <= 0 || t > 2) {
        v.reject("thresholds[" + i + "]", "must be a fraction of the budget in (0, 2], got " + t);
      }
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    List<Double> sorted = new ArrayList<>(thresholds);
    sorted.sort(Double::compare);
    budgets.put(new Budget(request.monthlyUsd(), sorted, null));
    return monitor.check();
  }
}
