package dev.trainflow.api.tuning;

import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.workflows.tuning.TuningJobStatus;
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

/** Hyperparameter tuning jobs: create, list, get (with every trial), cancel, promote the best. */
@RestController
@RequestMapping("/api/tuning-jobs")
class TuningJobController {
  private static final List<String> STATUSES = Arrays.stream(TuningJobStatus.values()).map(TuningJobStatus::value).toList();

  private final TuningJobService service;
  private final JsonBodyReader json;

  TuningJobController(TuningJobService service, JsonBodyReader json) {
    this.service = service;
    this.json = json;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  TuningJobResponse create(@RequestBody(required = false) String body) {
    long id = service.create(json.read(body, CreateTuningJobRequest.class)).id();
    return withTrials(id);
  }

  @GetMapping
  ListResponse<TuningJobResponse> list(
      @RequestParam(required = false) String status, @RequestParam(defaultValue = "50") int limit) {
    if (status != null && !STATUSES.contains(status)) {
      throw BadRequestException.of("status", "'" + status + "' is not one of " + String.join(", ", STATUSES));
    }
    if (limit < 1 || limit > 200) {
      throw BadRequestException.of("limit", "must be between 1 and 200, got " + limit);
    }
    return ListResponse.of(service.list(status, limit).stream().map(j -> TuningJobResponse.of(j, null)).toList());
  }

  @GetMapping("/{id}")
  TuningJobResponse get(@PathVariable long id) {
    return withTrials(id);
  }

  @PostMapping("/{id}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TuningJobResponse cancel(@PathVariable long id, @RequestBody(required = false) String body) {
    String reason = body == null || body.isBlank() ? null : json.read(body, CancelTuningJobRequest.class).reason();
    service.cancel(id, reason);
    return withTrials(id);
  }

  @PostMapping("/{id}/promote")
  @ResponseStatus(HttpStatus.CREATED)
  PromotedRunResponse promote(@PathVariable long id) {
    return service.promote(id);
  }

  private TuningJobResponse withTrials(long id) {
    return TuningJobResponse.of(service.get(id), service.trials(id));
  }
}
