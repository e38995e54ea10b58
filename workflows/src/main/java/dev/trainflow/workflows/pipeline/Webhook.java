package dev.trainflow.workflows.pipeline;

/** Where a pipeline run's end is posted: an http(s) URL, the body signed with the service's webhook secret. */
public record Webhook(String url) {}
