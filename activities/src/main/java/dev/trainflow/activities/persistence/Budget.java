package dev.trainflow.activities.persistence;

import java.util.List;

/**
 * The monthly spending budget: null {@code monthlyUsd} means none. Thresholds are fractions of it
 * (0.8 = 80 %); reaching 1.0 pauses the schedules.
 */
public record Budget(Double monthlyUsd, List<Double> thresholds, String updatedBy) {
  public static final List<Double> DEFAULT_THRESHOLDS = List.of(0.5, 0.8, 1.0);
}
