package dev.trainflow.api.pipelines;

import dev.trainflow.activities.persistence.DatasetRepository;
import dev.trainflow.activities.persistence.PipelineRepository;
import dev.trainflow.activities.pipelines.WebhookSender;
import dev.trainflow.api.runs.RunTemplateRequest;
import dev.trainflow.api.runs.RunTemplates;
import dev.trainflow.workflows.pipeline.DriftGate;
import dev.trainflow.workflows.pipeline.PipelineDag;
import dev.trainflow.workflows.pipeline.PipelineTask;
import dev.trainflow.workflows.pipeline.Webhook;
import dev.trainflow.workflows.run.RunTemplate;
import dev.trainflow.workflows.spec.DriftSpec;
import dev.trainflow.workflows.spec.EvaluatorConfig;
import dev.trainflow.workflows.spec.SpecValidator;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Validates a pipeline request and resolves it into stored tasks: every field of every task, then
 * the DAG itself (duplicate ids, unknown dependencies, cycles), each problem naming its field.
 */
@Component
class PipelineDefinitions {
  static final Pattern TASK_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,39}$");

  private final RunTemplates templates;
  private final DatasetRepository datasets;
  private final PipelineRepository pipelines;
  private final WebhookSender webhooks;

  PipelineDefinitions(
      RunTemplates templates, DatasetRepository datasets, PipelineRepository pipelines, WebhookSender webhooks) {
    this.templates = templates;
    this.datasets = datasets;
    this.pipelines = pipelines;
    this.webhooks = webhooks;
  }

  /** @return the tasks when {@code v} collected no error */
  Optional<List<PipelineTask>> resolve(SpecValidator v, CreatePipelineRequest r) {
    v.name("pipeline_id", r.pipelineId());
    if (r.dependsOn() != null) {
      if (r.dependsOn().equals(r.pipelineId())) {
        v.reject("depends_on", "a pipeline cannot depend on itself");
      } else if (pipelines.findByName(r.dependsOn()).isEmpty()) {
        v.reject("depends_on", "no pipeline is named '" + r.dependsOn() + "'");
      }
    }
    webhook(v, "on_success", r.onSuccess());
    webhook(v, "on_failure", r.onFailure());
    if (r.tasks() == null || r.tasks().isEmpty()) {
      v.reject("tasks", "needs at least one task");
      return Optional.empty();
    }
    Map<String, String> kinds =
        r.tasks().stream()
            .filter(t -> t != null && t.taskId() != null && t.kind() != null)
            .collect(Collectors.toMap(PipelineTaskRequest::taskId, PipelineTaskRequest::kind, (a, b) -> a));
    List<PipelineTask> resolved = new ArrayList<>();
    for (int i = 0; i < r.tasks().size(); i++) {
      PipelineTaskRequest t = r.tasks().get(i);
      String prefix = "tasks[" + i + "]";
      if (t == null) {
        v.reject(prefix, "must not be null");
        continue;
      }
      task(v, prefix, r.pipelineId(), t, kinds::get).ifPresent(resolved::add);
    }
    PipelineDag.check(
            "tasks",
            r.tasks().stream().map(t -> t == null ? null : t.taskId()).toList(),
            r.tasks().stream().map(t -> t == null ? null : t.dependencies()).toList())
        .forEach(e -> v.reject(e.field(), e.message()));
    return v.ok() ? Optional.of(resolved) : Optional.empty();
  }

  private Optional<PipelineTask> task(
      SpecValidator v, String prefix, String pipelineId, PipelineTaskRequest t, Function<String, String> kindOf) {
    int before = v.errors().size();
    if (t.taskId() == null || !TASK_ID.matcher(t.taskId()).matches()) {
      v.reject(prefix + ".task_id", "'" + t.taskId() + "' must be 1-40 lowercase letters, digits, '_' or '-'");
    }
    if (t.timeout() != null && (t.timeout() < 1 || t.timeout() > 7 * 24 * 3600)) {
      v.reject(prefix + ".timeout", "must be between 1 and 604800 seconds, got " + t.timeout());
    }
    if (t.retries() != null && (t.retries() < 0 || t.retries() > 10)) {
      v.reject(prefix + ".retries", "must be between 0 and 10, got " + t.retries());
    }
    List<String> deps = t.dependencies() == null ? List.of() : t.dependencies();
    RunTemplate template = null;
    DriftGate gate = null;
    if (t.kind() == null) {
      v.reject(prefix + ".kind", "is required; one of " + String.join(", ", PipelineTask.KINDS));
    } else if (!PipelineTask.KINDS.contains(t.kind())) {
      v.reject(prefix + ".kind", "'" + t.kind() + "' is not one of " + String.join(", ", PipelineTask.KINDS));
    } else {
      if (!t.kind().equals(PipelineTask.TRAIN) && t.runTemplate() != null) {
        v.reject(prefix + ".run_template", "only a train task has a run template");
      }
      boolean dataTask = t.kind().equals(PipelineTask.VALIDATE_DATA) || t.kind().equals(PipelineTask.CHECK_DRIFT);
      if (!dataTask && t.datasetId() != null) {
        v.reject(prefix + ".dataset_id", "only a validate_data or check_drift task names a dataset");
      }
      if (!t.kind().equals(PipelineTask.CHECK_DRIFT) && t.drift() != null) {
        v.reject(prefix + ".drift", "only a check_drift task has drift settings");
      }
      if (t.kind().equals(PipelineTask.CHECK_DRIFT)) {
        gate = driftGate(v, prefix + ".drift", t.drift());
      }
      if (t.kind().equals(PipelineTask.NOTIFY)) {
        if (t.url() == null) {
          v.reject(prefix + ".url", "is required for a notify task: the http or https URL its report is posted to");
        } else {
          url(v, prefix + ".url", t.url());
        }
      } else if (t.url() != null) {
        v.reject(prefix + ".url", "only a notify task has a url");
      }
      switch (t.kind()) {
        case PipelineTask.VALIDATE_DATA, PipelineTask.CHECK_DRIFT -> {
          if (t.datasetId() == null) {
            v.reject(prefix + ".dataset_id", "is required for a " + t.kind() + " task");
          } else if (datasets.find(t.datasetId()).isEmpty()) {
            v.reject(prefix + ".dataset_id", "dataset " + t.datasetId() + " does not exist");
          }
        }
        case PipelineTask.TRAIN -> {
          String defaultModel = (pipelineId + "-" + t.taskId()).replace('_', '-');
          template =
              templates.resolve(v, prefix + ".run_template", withoutPushWait(t.runTemplate()), defaultModel).orElse(null);
        }
        case PipelineTask.EVALUATE_MODELS -> {
          if (deps.stream().noneMatch(d -> PipelineTask.TRAIN.equals(kindOf.apply(d)))) {
            v.reject(prefix + ".dependencies", "an evaluate_models task depends on at least one train task");
          }
        }
        case PipelineTask.REGISTER_MODELS -> {
          if (deps.stream().noneMatch(d -> PipelineTask.EVALUATE_MODELS.equals(kindOf.apply(d)) || PipelineTask.TRAIN.equals(kindOf.apply(d)))) {
            v.reject(prefix + ".dependencies", "a register_models task depends on at least one evaluate_models or train task");
          }
        }
        default -> {}
      }
    }
    if (v.errors().size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new PipelineTask(t.taskId(), t.kind(), List.copyOf(deps), t.timeout(), t.retries(), t.datasetId(), template, gate, t.url()));
  }

  private void webhook(SpecValidator v, String field, Webhook hook) {
    if (hook != null) {
      url(v, field + ".url", hook.url());
    }
  }

  /** Where a signed report is posted: an absolute http(s) URL, and a secret to sign with. */
  private void url(SpecValidator v, String field, String url) {
    URI uri;
    try {
      uri = url == null ? null : new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      v.reject(field, "'" + url + "' is not an absolute http or https URL");
    } else if (!webhooks.configured()) {
      v.reject(field, "webhooks are signed: set trainflow.pipelines.webhook-secret (PIPELINE_WEBHOOK_SECRET) first");
    }
  }

  private DriftGate driftGate(SpecValidator v, String prefix, DriftGateRequest r) {
    if (r == null) {
      return new DriftGate(DriftSpec.defaults(), null);
    }
    DriftSpec spec = new DriftSpec(r.features(), r.thresholds(), r.defaultThreshold(), r.bins());
    spec.check(v, prefix + ".");
    if (r.referenceDatasetId() != null && datasets.find(r.referenceDatasetId()).isEmpty()) {
      v.reject(prefix + ".reference_dataset_id", "dataset " + r.referenceDatasetId() + " does not exist");
    }
    return new DriftGate(spec, r.referenceDatasetId());
  }

  /**
   * A pipeline's run does not wait for a push-anyway: unless the template says otherwise, a model
   * that is not blessed ends its run at once (its branch reports it unregistered).
   */
  private static RunTemplateRequest withoutPushWait(RunTemplateRequest r) {
    if (r == null) {
      return null;
    }
    EvaluatorConfig e = r.evaluatorConfig();
    EvaluatorConfig noWait =
        e == null
            ? new EvaluatorConfig(null, null, 0.0, null)
            : e.pushAnywayTimeoutHours() != null ? e : new EvaluatorConfig(e.metric(), e.blessingThreshold(), 0.0, e.minLift());
    return new RunTemplateRequest(
        r.mlModelName(), r.description(), r.datasetId(), r.featureConfigId(), r.modelConfigId(), r.trainingParams(),
        r.gpuConfig(), noWait, r.deploymentConfig());
  }
}
