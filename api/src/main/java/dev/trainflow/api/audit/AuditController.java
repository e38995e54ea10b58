package dev.trainflow.api.audit;

import dev.trainflow.activities.audit.AuditEvent;
import dev.trainflow.activities.audit.AuditLogRepository;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log: a run's records (viewer: they hold what a reproduction needs, and who did what to
 * the run), and the whole log (admin).
 */
@RestController
class AuditController {
  private static final List<String> EVENTS =
      List.of(
          AuditEvent.API_CALL, AuditEvent.RUN_STARTED, AuditEvent.RUN_FINISHED, AuditEvent.REPRODUCTION_COMPARED,
          AuditEvent.MODEL_STAGE_CHANGED);

  private final AuditLogRepository audit;

  AuditController(AuditLogRepository audit) {
    this.audit = audit;
  }

  /** Kept even after the run is deleted: the audit log outlives the runs it describes. */
  @GetMapping("/api/training-runs/{id}/audit")
  ListResponse<AuditEntryView> forRun(@PathVariable long id) {
    return ListResponse.of(audit.forRun(id).stream().map(AuditEntryView::of).toList());
  }

  @GetMapping("/api/audit-log")
  ListResponse<AuditEntryView> recent(
      @RequestParam(required = false) String event,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    SpecValidator v = new SpecValidator();
    if (event != null && !EVENTS.contains(event)) {
      v.reject("event", "'" + event + "' is not one of " + String.join(", ", EVENTS));
    }
    if (page < 0) {
      v.reject("page", "must be 0 or more, got " + page);
    }
    if (size < 1 || size > 500) {
      v.reject("size", "must be between 1 and 500, got " + size);
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    List<AuditEntryView> items = audit.recent(event, page, size).stream().map(AuditEntryView::of).toList();
    return new ListResponse<>(items, null, page, size);
  }
}
