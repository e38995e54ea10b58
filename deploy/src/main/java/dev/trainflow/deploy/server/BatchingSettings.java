package dev.trainflow.deploy.server;

import java.time.Duration;

/**
 * Server-side batching, as TensorFlow Serving's batching parameters name it: a batch holds at most
 * {@code maxBatchSize} instances; once it has its first request it waits at most {@code timeout}
 * for more (and only while other requests are still being read: a lone caller never waits); {@code
 * threads} batches run at a time.
 */
public record BatchingSettings(int maxBatchSize, Duration timeout, int threads) {}
