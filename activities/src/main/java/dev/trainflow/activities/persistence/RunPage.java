package dev.trainflow.activities.persistence;

import java.util.List;

public record RunPage(List<StoredRun> items, long total, int page, int size) {}
