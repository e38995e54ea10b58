package dev.trainflow.api.budget;

import java.util.List;

/**
 * This month's spending against the budget.
 *
 * @param ratio spent / monthly budget; null without a budget
 * @param crossed the thresholds this month has crossed
 */
public record BudgetStatus(
    Double monthlyUsd, List<Double> thresholds, String month, double spentUsd, Double ratio, List<Double> crossed) {}
