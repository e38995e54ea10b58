package dev.trainflow.api.runs;

import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.StoredDataset;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.TrainingMetricsRepository;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.workflows.spec.GpuConfig;
import dev.trainflow.workflows.spec.SpecValidator;
import dev.trainflow.workflows.spec.TrainingParams;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/training-runs")
class TrainingRunController {

  private final RunService service;
  private final TrainingMetricsRepository metrics;
  private final DatasetRepository datasets;
  private final RunEstimator estimator;
  private final JsonBodyReader json;

  TrainingRunController(
      RunService service,
      TrainingMetricsRepository metrics,
      DatasetRepository datasets,
      RunEstimator estimator,
      JsonBodyReader json) {
    this.service = service;
    this.metrics = metrics;
    this.datasets = datasets;
    this.estimator = estimator;
    this.json = json;
  }

  @GetMapping
  ListResponse<TrainingRunResponse> list(
      @RequestParam(required = false) String status,
      @RequestParam(name = "model_type", required = false) String modelType,
      @RequestParam(required = false) String search,
      @RequestParam(name = "run_kind", required = false) String runKind,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return TrainingRunResponse.page(service.list(status, modelType, search, runKind, page, size));
  }

  /** Duration and cost ranges for a run of this shape, before creating it. */
  @GetMapping("/estimate")
  RunEstimate estimate(
      @RequestParam(name = "dataset_id") long datasetId,
      @RequestParam(required = false) Integer epochs,
      @RequestParam(name = "batch_size", required = false) Integer batchSize,
      @RequestParam(name = "data_sample_percent", required = false) Double dataSamplePercent,
      @RequestParam(name = "gpu_type", required = false) String gpuType,
      @RequestParam(name = "gpu_count", required = false) Integer gpuCount,
      @RequestParam(name = "machine_type", required = false) String machineType,
      @RequestParam(required = false) Boolean preemptible) {
    TrainingParams params =
        new TrainingParams(epochs, batchSize, null, null, dataSamplePercent, null, null, null, null, null);
    GpuConfig gpu = new GpuConfig(gpuType, gpuCount, machineType, preemptible, null, null);
    SpecValidator v = new SpecValidator().trainingParams("", params).gpuConfig("", gpu);
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    StoredDataset dataset = datasets.find(datasetId).orElseThrow(() -> new NotFoundException("dataset", datasetId));
    return estimator.estimate(dataset, params.withDefaults(null), gpu.withDefaults());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  TrainingRunResponse create(@RequestBody(required = false) String body) {
    return TrainingRunResponse.of(service.create(json.read(body, CreateTrainingRunRequest.class)));
  }

  @GetMapping("/{id}")
  TrainingRunResponse get(@PathVariable long id) {
    return TrainingRunResponse.of(service.get(id));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable long id) {
    service.delete(id);
  }

  @PostMapping("/{id}/submit")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TrainingRunResponse submit(@PathVariable long id) {
    return TrainingRunResponse.of(service.submit(id));
  }

  @PostMapping("/{id}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TrainingRunResponse retry(@PathVariable long id) {
    return TrainingRunResponse.of(service.retry(id));
  }

  @PostMapping("/{id}/run-now")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TrainingRunResponse runNow(@PathVariable long id) {
    return TrainingRunResponse.of(service.runNow(id));
  }

  @PostMapping("/{id}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TrainingRunResponse cancel(@PathVariable long id, @RequestBody(required = false) String body) {
    return TrainingRunResponse.of(service.cancel(id, reason(body, "cancelled through the API")));
  }

  @PostMapping("/{id}/push-anyway")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TrainingRunResponse pushAnyway(@PathVariable long id, @RequestBody(required = false) String body) {
    return TrainingRunResponse.of(service.pushAnyway(id, reason(body, "pushed anyway through the API")));
  }

  @GetMapping("/{id}/training-history")
  TrainingHistoryResponse trainingHistory(@PathVariable long id) {
    StoredRun run = service.get(id);
    return new TrainingHistoryResponse(
        run.id(),
        run.status(),
        run.currentEpoch(),
        run.totalEpochs(),
        metrics.history(id).stream().map(EpochView::of).toList(),
        metrics.testMetrics(id).map(TestMetricsView::of).orElse(null));
  }

  @GetMapping("/{id}/artifacts")
  ArtifactsResponse artifacts(@PathVariable long id) {
    StoredRun run = service.get(id);
    return new ArtifactsResponse(run.id(), run.modelArtifactUri(), run.configSha256(), run.artifacts());
  }

  @GetMapping("/{id}/errors")
  RunErrorsResponse errors(@PathVariable long id) {
    return RunErrorsResponse.of(service.get(id));
  }

  private String reason(String body, String fallback) {
    if (body == null || body.isBlank()) {
      return fallback;
    }
    ReasonRequest request = json.read(body, ReasonRequest.class);
    return request.reason() == null || request.reason().isBlank() ? fallback : request.reason();
  }
}
