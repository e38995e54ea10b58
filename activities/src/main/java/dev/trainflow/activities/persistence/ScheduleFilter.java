package dev.trainflow.activities.persistence;

/** Listing filters for schedules; null means no filter. {@code page} counts from 0. */
public record ScheduleFilter(String status, int page, int size) {}
