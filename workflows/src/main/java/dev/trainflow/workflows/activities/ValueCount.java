package dev.trainflow.workflows.activities;

public record ValueCount(String value, long count) {}
