package dev.trainflow.api.schedules;

/** A past window {@code [from, to)} of ISO-8601 instants whose fire times should run now. */
record BackfillScheduleRequest(String from, String to) {}
