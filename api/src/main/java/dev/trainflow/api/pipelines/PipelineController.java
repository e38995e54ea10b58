package dev.trainflow.api.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trainflow.activities.persistence.PipelineRepository;
import dev.trainflow.activities.persistence.StoredPipeline;
import dev.trainflow.activities.persistence.StoredPipelineRun;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.ConflictException;
import dev.trainflow.api.web.JsonBodyReader;
import dev.trainflow.api.web.ListResponse;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.workflows.pipeline.PipelineRunInput;
import dev.trainflow.workflows.pipeline.PipelineTask;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Pipelines (DAG definitions) and their runs. */
@RestController
class PipelineController {
  private final PipelineRepository pipelines;
  private final PipelineDefinitions definitions;
  private final PipelineWorkflows workflows;
  private final JsonBodyReader json;
  private final ObjectMapper mapper;
  private final YAMLMapper yaml = new YAMLMapper();

  PipelineController(
      PipelineRepository pipelines, PipelineDefinitions definitions, PipelineWorkflows workflows, JsonBodyReader json, ObjectMapper mapper) {
    this.pipelines = pipelines;
    this.definitions = definitions;
    this.workflows = workflows;
    this.json = json;
    this.mapper = mapper;
  }

  /** A definition as JSON, or as YAML with a YAML content type ({@code application/yaml}, {@code text/yaml}, ...). */
  @PostMapping("/api/pipelines")
  @ResponseStatus(HttpStatus.CREATED)
  PipelineResponse create(
      @RequestBody(required = false) String body, @RequestHeader(value = "Content-Type", required = false) String contentType) {
    CreatePipelineRequest request = json.read(asJson(body, contentType), CreatePipelineRequest.class);
    SpecValidator v = new SpecValidator();
    Optional<List<PipelineTask>> tasks = definitions.resolve(v, request);
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    return PipelineResponse.of(
        pipelines.create(
            request.pipelineId(), request.description(), request.dependsOn(), tasks.orElseThrow(), request.onSuccess(),
            request.onFailure()));
  }

  @GetMapping("/api/pipelines")
  ListResponse<PipelineResponse> list() {
    return ListResponse.of(pipelines.list().stream().map(PipelineResponse::of).toList());
  }

  @GetMapping("/api/pipelines/{id}")
  PipelineResponse get(@PathVariable long id) {
    return PipelineResponse.of(pipeline(id));
  }

  /** Starts a run; {@code depends_on} must name a pipeline whose latest run succeeded. */
  @PostMapping("/api/pipelines/{id}/runs")
  @ResponseStatus(HttpStatus.ACCEPTED)
  PipelineRunResponse run(@PathVariable long id) {
    StoredPipeline pipeline = pipeline(id);
    pipelines.dependencyRefusal(pipeline).ifPresent(refusal -> {
      throw new ConflictException(refusal);
    });
    StoredPipelineRun run = pipelines.createRun(pipeline.id());
    try {
      workflows.start(
          new PipelineRunInput(run.id(), pipeline.id(), pipeline.name(), pipeline.tasks(), pipeline.onSuccess(), pipeline.onFailure()));
    } catch (RuntimeException e) {
      pipelines.markRunFailed(run.id(), "its workflow could not be started: " + e.getMessage());
      throw e;
    }
    return PipelineRunResponse.of(pipelines.findRun(run.id()).orElseThrow());
  }

  @GetMapping("/api/pipelines/{id}/runs")
  ListResponse<PipelineRunResponse> runs(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 200) {
      throw BadRequestException.of("limit", "must be between 1 and 200, got " + limit);
    }
    return ListResponse.of(pipelines.listRuns(pipeline(id).id(), limit).stream().map(PipelineRunResponse::of).toList());
  }

  @GetMapping("/api/pipeline-runs/{id}")
  PipelineRunResponse pipelineRun(@PathVariable long id) {
    return pipelines.findRun(id).map(PipelineRunResponse::of).orElseThrow(() -> new NotFoundException("pipeline run", id));
  }

  private StoredPipeline pipeline(long id) {
    return pipelines.find(id).orElseThrow(() -> new NotFoundException("pipeline", id));
  }

  private String asJson(String body, String contentType) {
    if (body == null || contentType == null || !contentType.toLowerCase().contains("yaml")) {
      return body;
    }
    try {
      JsonNode tree = yaml.readTree(body);
      return mapper.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw BadRequestException.of(
          "body",
          "malformed YAML"
              + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "")
              + ": " + e.getOriginalMessage());
    }
  }
}
