package dev.trainflow.api.budget;

import java.util.List;

/** {@code PUT /api/budget}: null {@code monthly_usd} removes the budget. */
record BudgetRequest(Double monthlyUsd, List<Double> thresholds) {}
