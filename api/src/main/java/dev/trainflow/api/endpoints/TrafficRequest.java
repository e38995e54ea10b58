package dev.trainflow.api.endpoints;

import java.util.Map;

/** {@code PUT /api/endpoints/{id}/traffic}: revision id → percent, summing to 100. */
public record TrafficRequest(Map<String, Integer> split) {}
