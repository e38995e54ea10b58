package dev.trainflow.activities.persistence;

import static dev.trainflow.activities.persistence.jooq.Tables.BUDGET_CROSSING;
import static dev.trainflow.activities.persistence.jooq.Tables.SPENDING_BUDGET;
import static dev.trainflow.activities.persistence.jooq.Tables.TRAINING_RUN;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainflow.activities.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public class BudgetRepository {
  private static final TypeReference<List<Double>> THRESHOLDS = new TypeReference<>() {};

  private final DSLContext db;

  public BudgetRepository(DSLContext db) {
    this.db = db;
  }

  public Budget get() {
    return db.selectFrom(SPENDING_BUDGET)
        .fetchOptional()
        .map(r -> new Budget(r.getMonthlyUsd(), thresholds(r.getThresholds().data()), r.getUpdatedBy()))
        .orElse(new Budget(null, Budget.DEFAULT_THRESHOLDS, null));
  }

  public Budget put(Budget budget) {
    db.insertInto(SPENDING_BUDGET)
        .set(SPENDING_BUDGET.ID, (short) 1)
        .set(SPENDING_BUDGET.MONTHLY_USD, budget.monthlyUsd())
        .set(SPENDING_BUDGET.THRESHOLDS, JsonColumns.jsonb(budget.thresholds()))
        .set(SPENDING_BUDGET.UPDATED_BY, budget.updatedBy())
        .onConflict(SPENDING_BUDGET.ID)
        .doUpdate()
        .set(SPENDING_BUDGET.MONTHLY_USD, budget.monthlyUsd())
        .set(SPENDING_BUDGET.THRESHOLDS, JsonColumns.jsonb(budget.thresholds()))
        .set(SPENDING_BUDGET.UPDATED_BY, budget.updatedBy())
        .set(SPENDING_BUDGET.UPDATED_AT, DSL.currentOffsetDateTime())
        .execute();
    return get();
  }

  /** What the runs started (or, not yet started, created) this calendar month (UTC) have cost. */
  public double spent(YearMonth month) {
    OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    var started = DSL.coalesce(TRAINING_RUN.STARTED_AT, TRAINING_RUN.CREATED_AT);
    Double sum =
        db.select(DSL.sum(TRAINING_RUN.COST_USD))
            .from(TRAINING_RUN)
            .where(started.ge(from))
            .and(started.lt(to))
            .fetchOne(0, Double.class);
    return sum == null ? 0 : sum;
  }

  /** Records that {@code month} crossed {@code threshold}; false when it was recorded before. */
  public boolean recordCrossing(YearMonth month, double threshold, double spentUsd) {
    return db.insertInto(BUDGET_CROSSING)
            .set(BUDGET_CROSSING.MONTH, month.toString())
            .set(BUDGET_CROSSING.THRESHOLD, threshold)
            .set(BUDGET_CROSSING.SPENT_USD, spentUsd)
            .onConflictDoNothing()
            .execute()
        > 0;
  }

  public List<Double> crossed(YearMonth month) {
    return db.select(BUDGET_CROSSING.THRESHOLD)
        .from(BUDGET_CROSSING)
        .where(BUDGET_CROSSING.MONTH.eq(month.toString()))
        .orderBy(BUDGET_CROSSING.THRESHOLD)
        .fetch(BUDGET_CROSSING.THRESHOLD);
  }

  private static List<Double> thresholds(String json) {
    try {
      return JsonCodec.mapper().readValue(json, THRESHOLDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
