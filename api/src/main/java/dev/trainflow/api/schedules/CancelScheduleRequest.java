package dev.trainflow.api.schedules;

/** The optional body of cancel: {@code cancel_running} also cancels the runs going (default false). */
record CancelScheduleRequest(Boolean cancelRunning) {}
