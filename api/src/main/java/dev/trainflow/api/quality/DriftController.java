package dev.trainflow.api.quality;

import dev.trainflow.activities.drift.DriftCheck;
import dev.trainflow.activities.drift.DriftReference;
import dev.trainflow.activities.drift.DriftReport;
import dev.trainflow.activities.drift.NoDriftReferenceException;
import dev.trainflow.activities.observability.DataQualityMeters;
import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.StoredDataset;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.workflows.spec.DriftSpec;
import dev.trainflow.workflows.spec.SpecValidator;
import io.temporal.failure.ApplicationFailure;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Drift of a dataset as it reads now against a reference; computed on request, stored nowhere. */
@RestController
class DriftController {
  private final DatasetRepository datasets;
  private final DriftCheck drift;
  private final DataQualityMeters meters;
  private final JsonBodyReader json;

  DriftController(DatasetRepository datasets, DriftCheck drift, DataQualityMeters meters, JsonBodyReader json) {
    this.datasets = datasets;
    this.drift = drift;
    this.meters = meters;
    this.json = json;
  }

  @PostMapping("/api/datasets/{id}/drift")
  DriftReport drift(@PathVariable long id, @RequestBody(required = false) String body) {
    DriftRequest request = body == null || body.isBlank() ? DriftRequest.empty() : json.read(body, DriftRequest.class);
    DriftSpec spec = new DriftSpec(request.features(), request.thresholds(), request.defaultThreshold(), request.bins());
    SpecValidator v = spec.check(new SpecValidator(), "");
    long references = Stream.of(request.referenceRunId(), request.referenceVersion(), request.referenceDatasetId()).filter(r -> r != null).count();
    if (references > 1) {
      v.reject("reference_run_id", "give at most one of reference_run_id, reference_version, reference_dataset_id");
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    StoredDataset dataset = datasets.find(id).orElseThrow(() -> new NotFoundException("dataset", id));
    try {
      DriftReport report =
          drift.check(
              dataset,
              new DriftReference(request.referenceRunId(), request.referenceVersion(), request.referenceDatasetId()),
              spec);
      meters.record(report);
      return report;
    } catch (NoDriftReferenceException e) {
      throw BadRequestException.of(e.field(), e.getMessage());
    } catch (ApplicationFailure e) {
      // a stored dataset that no longer reads (its file moved or changed shape)
      throw new ConflictException("the data cannot be read: " + e.getOriginalMessage());
    }
  }
}
