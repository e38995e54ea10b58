package dev.trainflow.activities.persistence;

import java.util.List;

public record SchedulePage(List<StoredSchedule> items, long total, int page, int size) {}
