package dev.trainflow.activities.vertex;

import dev.trainflow.workflows.activities.TrainingHeartbeat;

/**
 * Why the trainer inside a Vertex AI job stopped itself, written before it exits non-zero: the
 * failure type ({@code preempted}, {@code out_of_memory}, ...), its message and the heartbeat
 * holding the checkpoint to resume from.
 */
public record TrainerFailure(String type, String message, TrainingHeartbeat heartbeat) {}
