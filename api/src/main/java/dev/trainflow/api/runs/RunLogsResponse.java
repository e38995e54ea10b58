package dev.trainflow.api.runs;

import dev.trainflow.activities.logs.RunLogReader;
import java.util.List;

/** A run's stage logs, in stage order, each attempt separately. */
record RunLogsResponse(long runId, String status, List<RunLogReader.StageLog> stages) {}
