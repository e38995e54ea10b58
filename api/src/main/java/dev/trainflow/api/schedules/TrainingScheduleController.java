package dev.trainflow.api.schedules;

import dev.trainflow.activities.persistence.ScheduleFilter;
import dev.trainflow.activities.persistence.SchedulePage;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.workflows.schedule.ScheduleStatus;
import dev.trainflow.workflows.spec.ScheduleSpec;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/training/schedules")
class TrainingScheduleController {
  private static final List<String> STATUSES =
      Arrays.stream(ScheduleStatus.values()).map(ScheduleStatus::value).toList();

  private final ScheduleService service;
  private final JsonBodyReader json;

  TrainingScheduleController(ScheduleService service, JsonBodyReader json) {
    this.service = service;
    this.json = json;
  }

  @GetMapping
  ListResponse<TrainingScheduleResponse> list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    SpecValidator v = new SpecValidator();
    if (status != null && !STATUSES.contains(status)) {
      v.reject("status", "'" + status + "' is not one of " + String.join(", ", STATUSES));
    }
    if (page < 0) {
      v.reject("page", "must be 0 or more, got " + page);
    }
    if (size < 1 || size > 100) {
      v.reject("size", "must be between 1 and 100, got " + size);
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    SchedulePage result = service.list(new ScheduleFilter(status, page, size));
    return new ListResponse<>(
        result.items().stream().map(s -> TrainingScheduleResponse.of(s, null)).toList(),
        result.total(),
        result.page(),
        result.size());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  TrainingScheduleResponse create(@RequestBody(required = false) String body) {
    return TrainingScheduleResponse.of(service.create(json.read(body, CreateScheduleRequest.class)), List.of());
  }

  @GetMapping("/{id}")
  TrainingScheduleResponse get(@PathVariable long id) {
    return withHistory(id);
  }

  @PostMapping("/{id}/pause")
  TrainingScheduleResponse pause(@PathVariable long id, @RequestBody(required = false) String body) {
    String reason = body == null || body.isBlank() ? null : json.read(body, PauseScheduleRequest.class).reason();
    service.pause(id, reason);
    return withHistory(id);
  }

  @PostMapping("/{id}/resume")
  TrainingScheduleResponse resume(@PathVariable long id) {
    service.resume(id);
    return withHistory(id);
  }

  @PostMapping("/{id}/trigger")
  TrainingScheduleResponse trigger(@PathVariable long id) {
    service.trigger(id);
    return withHistory(id);
  }

  @PostMapping("/{id}/cancel")
  TrainingScheduleResponse cancel(@PathVariable long id, @RequestBody(required = false) String body) {
    Boolean cancelRunning =
        body == null || body.isBlank() ? null : json.read(body, CancelScheduleRequest.class).cancelRunning();
    service.cancel(id, Boolean.TRUE.equals(cancelRunning));
    return withHistory(id);
  }

  @PutMapping("/{id}/schedule")
  TrainingScheduleResponse updateSpec(@PathVariable long id, @RequestBody(required = false) String body) {
    service.updateSpec(id, json.read(body, ScheduleSpec.class));
    return withHistory(id);
  }

  @PostMapping("/{id}/backfill")
  TrainingScheduleResponse backfill(@PathVariable long id, @RequestBody(required = false) String body) {
    service.backfill(id, json.read(body, BackfillScheduleRequest.class));
    return withHistory(id);
  }

  private TrainingScheduleResponse withHistory(long id) {
    return TrainingScheduleResponse.of(
        service.get(id), service.history(id).stream().map(ScheduleRunView::of).toList());
  }
}
