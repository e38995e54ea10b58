package dev.trainflow.api.runs;

import dev.trainflow.activities.logs.RunLogKey;
import dev.trainflow.activities.logs.RunLogReader;
import dev.trainflow.activities.persistence.StageDetailView;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.workflows.run.Stage;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A run's stage logs and its reproduction. */
@RestController
@RequestMapping("/api/training-runs")
class RunExtrasController {
  private static final List<String> STAGES = Arrays.stream(Stage.values()).map(Stage::value).toList();
  /** Attempts looked for beyond the ones a run's stage details name (a stage retried by the SDK). */
  private static final int MAX_ATTEMPTS_PROBED = 10;

  private final RunService service;
  private final RunReproduction reproduction;
  private final RunLogReader logs;
  private final JsonBodyReader json;

  RunExtrasController(RunService service, RunReproduction reproduction, RunLogReader logs, JsonBodyReader json) {
    this.service = service;
    this.reproduction = reproduction;
    this.logs = logs;
    this.json = json;
  }

  /**
   * The run's stage logs, stage by stage and attempt by attempt, each the last {@code tail} lines
   * (at most the 2000 a stage attempt keeps).
   */
  @GetMapping("/{id}/logs")
  RunLogsResponse logs(
      @PathVariable long id,
      @RequestParam(required = false) String stage,
      @RequestParam(defaultValue = "500") int tail) {
    SpecValidator v = new SpecValidator();
    if (stage != null && !STAGES.contains(stage)) {
      v.reject("stage", "'" + stage + "' is not one of " + String.join(", ", STAGES));
    }
    if (tail < 1 || tail > 10_000) {
      v.reject("tail", "must be between 1 and 10000, got " + tail);
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    StoredRun run = service.get(id);
    List<RunLogReader.StageLog> found = new ArrayList<>();
    for (String s : stage == null ? STAGES : List.of(stage)) {
      int attempts = attemptsOf(run, s);
      for (int attempt = 1; attempt <= attempts + MAX_ATTEMPTS_PROBED; attempt++) {
        var log = logs.read(new RunLogKey(id, s, attempt), tail);
        if (log.isPresent()) {
          found.add(log.get());
        } else if (attempt > attempts) {
          break;
        }
      }
    }
    return new RunLogsResponse(id, run.status(), found);
  }

  @GetMapping("/{id}/reproduce")
  ReproductionView reproduceConfig(@PathVariable long id) {
    return reproduction.describe(id);
  }

  /** A new run with this run's exact config; compared with it when it ends. */
  @PostMapping("/{id}/reproduce")
  @ResponseStatus(HttpStatus.CREATED)
  TrainingRunResponse reproduce(@PathVariable long id, @RequestBody(required = false) String body) {
    ReproduceRequest request = body == null || body.isBlank() ? null : json.read(body, ReproduceRequest.class);
    return TrainingRunResponse.of(reproduction.reproduce(id, request));
  }

  /** Training attempts are the workflow's; other stages' attempts are the SDK's, found by probing. */
  private static int attemptsOf(StoredRun run, String stage) {
    if (stage.equals(Stage.TRAIN.value())) {
      return Math.max(run.attempts(), 1);
    }
    if (run.stageDetails() == null) {
      return 1;
    }
    return run.stageDetails().stream().filter(d -> d.stage().equals(stage)).mapToInt(StageDetailView::attempt).max().orElse(1);
  }
}
