package dev.trainflow.workflows.activities;

import java.util.Map;

/**
 * The Transform stage's output.
 *
 * @param uri the {@link TransformSpec} as JSON
 * @param vocabularySizes per embedded feature, the vocabulary size (without the OOV row)
 */
public record TransformResult(String uri, Map<String, Integer> vocabularySizes) {}
