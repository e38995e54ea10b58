package dev.trainflow.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainflow.activities.audit.AuditEntry;
import dev.trainflow.activities.audit.AuditEvent;
import dev.trainflow.activities.audit.AuditLogRepository;
import dev.trainflow.activities.audit.Reproduction;
import dev.trainflow.activities.audit.ReproductionRepository;
import dev.trainflow.activities.persistence.StoredRun;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.api.web.BadRequestException;
import dev.trainflow.api.web.NotFoundException;
import dev.trainflow.workflows.spec.DeploymentConfig;
import dev.trainflow.workflows.spec.SpecValidator;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reproduction of runs: the exact config of a run from its audit record (or its row while it has
 * not ended), and new runs that re-run it and are compared with it when they end.
 */
@Service
class RunReproduction {
  private final RunService service;
  private final TrainingRunRepository runs;
  private final AuditLogRepository audit;
  private final ReproductionRepository reproductions;
  private final ReproductionSettings settings;
  private final ObjectMapper json;

  RunReproduction(
      RunService service,
      TrainingRunRepository runs,
      AuditLogRepository audit,
      ReproductionRepository reproductions,
      ReproductionSettings settings,
      ObjectMapper json) {
    this.service = service;
    this.runs = runs;
    this.audit = audit;
    this.reproductions = reproductions;
    this.settings = settings;
    this.json = json;
  }

  ReproductionView describe(long id) {
    Optional<StoredRun> run = runs.find(id);
    Optional<AuditEntry> finished = audit.latest(id, AuditEvent.RUN_FINISHED);
    if (run.isEmpty() && finished.isEmpty()) {
      throw new NotFoundException("training run", id);
    }
    ArrayNode verdicts = json.createArrayNode();
    for (long reproduction : reproductions.reproductionsOf(id)) {
      ObjectNode verdict = verdicts.addObject().put("run_id", reproduction);
      verdict.set("result", reproductions.result(reproduction).orElse(null));
    }
    Optional<Reproduction> reproduces = reproductions.of(id);
    JsonNode ownResult = reproductions.result(id).orElse(null);
    if (finished.isPresent()) {
      JsonNode d = finished.get().details();
      return new ReproductionView(
          id, "audit_log", finished.get().runStatus(), finished.get().gitCommit(), finished.get().imageDigest(),
          finished.get().configSha256(), text(d, "reproducible_config_sha256"), d.path("dataset"),
          request(d.path("ml_model_name").asText(null), d.path("dataset_id"), d.path("feature_config_id"),
              d.path("model_config_id"), d.path("training_params"), d.path("gpu_config"), d.path("evaluator_config"),
              d.path("deployment_config")),
          verdicts, reproduces.map(Reproduction::originalRunId).orElse(null), ownResult);
    }
    StoredRun r = run.get();
    return new ReproductionView(
        id, "run", r.status(), null, null, r.configSha256(), null, json.createObjectNode().put("id", r.datasetId())
            .put("version", r.datasetVersion()),
        request(r.mlModelName(), json.valueToTree(r.datasetId()), json.valueToTree(r.featureConfigId()),
            json.valueToTree(r.modelConfigId()), json.valueToTree(r.trainingParams()), json.valueToTree(r.gpuConfig()),
            json.valueToTree(r.evaluatorConfig()), json.valueToTree(r.deploymentConfig())),
        verdicts, reproduces.map(Reproduction::originalRunId).orElse(null), ownResult);
  }

  /**
   * A new run with the original's exact config, marked as its reproduction before it starts. It
   * registers its model but never deploys it: reproducing a model must not move traffic.
   */
  StoredRun reproduce(long id, ReproduceRequest body) {
    ReproductionView original = describe(id);
    ReproduceRequest request = body == null ? new ReproduceRequest(null, null) : body;
    SpecValidator v = new SpecValidator();
    if (request.name() != null) {
      v.name("name", request.name());
    }
    if (request.tolerance() != null && (request.tolerance() < 0 || request.tolerance() > 1)) {
      v.reject("tolerance", "must be between 0 and 1, got " + request.tolerance());
    }
    if (!v.ok()) {
      throw new BadRequestException(v.errors());
    }
    ObjectNode create = (ObjectNode) original.request().deepCopy();
    create.put("name", request.name() != null ? request.name() : reproductionName(runName(id, original)));
    create.set("deployment_config", json.valueToTree(DeploymentConfig.registerOnly().withDefaults()));
    create.put("auto_submit", false);
    CreateTrainingRunRequest createRequest = json.convertValue(create, CreateTrainingRunRequest.class);
    StoredRun created = service.create(createRequest);
    reproductions.mark(
        new Reproduction(created.id(), id, request.tolerance() != null ? request.tolerance() : settings.tolerance()));
    return service.submit(created.id());
  }

  private String runName(long id, ReproductionView original) {
    return runs.find(id).map(StoredRun::name).orElse(original.request().path("ml_model_name").asText("run-" + id));
  }

  static String reproductionName(String original) {
    String suffix = "-repro";
    String base = original.length() + suffix.length() > 63 ? original.substring(0, 63 - suffix.length()) : original;
    return base + suffix;
  }

  private ObjectNode request(
      String mlModelName,
      JsonNode datasetId,
      JsonNode featureConfigId,
      JsonNode modelConfigId,
      JsonNode trainingParams,
      JsonNode gpuConfig,
      JsonNode evaluatorConfig,
      JsonNode deploymentConfig) {
    ObjectNode request = json.createObjectNode();
    request.put("ml_model_name", mlModelName);
    request.set("dataset_id", datasetId);
    request.set("feature_config_id", featureConfigId);
    request.set("model_config_id", modelConfigId);
    request.set("training_params", withoutNulls(trainingParams));
    request.set("gpu_config", withoutNulls(gpuConfig));
    request.set("evaluator_config", withoutNulls(evaluatorConfig));
    request.set("deployment_config", withoutNulls(deploymentConfig));
    return request;
  }

  /** Absent rather than null: the same meaning, and shorter to read. */
  private static JsonNode withoutNulls(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    JsonNode copy = node.deepCopy();
    if (copy instanceof ObjectNode object) {
      var names = new java.util.ArrayList<String>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (value.isNull()) {
          object.remove(name);
        } else {
          object.set(name, withoutNulls(value));
        }
      }
    }
    return copy;
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.get(field).asText() : null;
  }
}
