package dev.trainflow.api.schedules;

/** The optional body of pause: why, shown as the schedule's paused_reason. */
record PauseScheduleRequest(String reason) {}
