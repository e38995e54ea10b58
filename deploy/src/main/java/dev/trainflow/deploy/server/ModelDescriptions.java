package dev.trainflow.deploy.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainflow.activities.JsonCodec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON of TF Serving's model status and metadata answers. */
final class ModelDescriptions {
  private ModelDescriptions() {}

  /** {@code GET /v1/models/{name}[/versions/{v}]}: the version serving, AVAILABLE. */
  static ObjectNode status(ObjectMapper json, ServableVersion servable) {
    ObjectNode root = json.createObjectNode();
    ArrayNode versions = root.putArray("model_version_status");
    ObjectNode version = versions.addObject();
    version.put("version", Long.toString(servable.version()));
    version.put("state", "AVAILABLE");
    ObjectNode status = version.putObject("status");
    status.put("error_code", "OK");
    status.put("error_message", "");
    return root;
  }

  /**
   * {@code GET /v1/models/{name}[/versions/{v}]/metadata}: every served signature's inputs and
   * outputs; for a tabular model also its descriptor ({@code metadata.tabular_model}).
   */
  static ObjectNode metadata(ObjectMapper json, String name, ServableVersion servable) {
    ObjectNode root = json.createObjectNode();
    ObjectNode spec = root.putObject("model_spec");
    spec.put("name", name);
    spec.put("signature_name", "");
    spec.put("version", Long.toString(servable.version()));
    ObjectNode metadata = root.putObject("metadata");
    ObjectNode defs = metadata.putObject("signature_def").putObject("signature_def");
    for (ServingSignature signature : servable.signatures().values()) {
      ObjectNode def = defs.putObject(signature.key());
      tensors(def.putObject("inputs"), signature.inputs().values());
      tensors(def.putObject("outputs"), signature.outputs().values());
      def.put("method_name", signature.methodName());
    }
    if (servable.runtime() instanceof TabularRuntime tabular) {
      // beyond TF Serving's answer: what the columns mean (kinds, learned categories) and the classes
      metadata.set("tabular_model", JsonCodec.mapper().valueToTree(tabular.descriptor()));
    }
    return root;
  }

  private static void tensors(ObjectNode into, Iterable<TensorSpec> specs) {
    for (TensorSpec spec : specs) {
      ObjectNode tensor = into.putObject(spec.key());
      tensor.put("dtype", spec.dtypeName());
      ObjectNode shape = tensor.putObject("tensor_shape");
      if (spec.shape() == null) {
        shape.put("unknown_rank", true);
      } else {
        ArrayNode dims = shape.putArray("dim");
        for (long size : spec.shape()) {
          dims.addObject().put("size", Long.toString(size)).put("name", "");
        }
        shape.put("unknown_rank", false);
      }
      tensor.put("name", spec.tensorName());
    }
  }
}
