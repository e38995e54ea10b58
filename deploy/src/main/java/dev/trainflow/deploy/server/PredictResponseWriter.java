package dev.trainflow.deploy.server;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a request's rows of a batch as TF Serving does: the row form as {@code {"predictions":
 * [...]}} (one object of named outputs per row, or the bare value per row when the signature has
 * one output), the columnar form as {@code {"outputs": ...}} (named lists, or the bare list).
 */
final class PredictResponseWriter {
  private PredictResponseWriter() {}

  static void write(JsonGenerator json, BatchResult result, boolean columnar) throws IOException {
    Map<String, OutputTensor> outputs = result.outputs();
    int from = result.offset();
    int to = from + result.rows();
    json.writeStartObject();
    if (columnar) {
      json.writeFieldName("outputs");
      if (outputs.size() == 1) {
        writeColumn(json, outputs.values().iterator().next(), from, to);
      } else {
        json.writeStartObject();
        for (Map.Entry<String, OutputTensor> output : outputs.entrySet()) {
          json.writeFieldName(output.getKey());
          writeColumn(json, output.getValue(), from, to);
        }
        json.writeEndObject();
      }
    } else {
      json.writeFieldName("predictions");
      json.writeStartArray();
      for (int row = from; row < to; row++) {
        if (outputs.size() == 1) {
          outputs.values().iterator().next().writeRow(json, row);
        } else {
          json.writeStartObject();
          for (Map.Entry<String, OutputTensor> output : outputs.entrySet()) {
            json.writeFieldName(output.getKey());
            output.getValue().writeRow(json, row);
          }
          json.writeEndObject();
        }
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void writeColumn(JsonGenerator json, OutputTensor output, int from, int to) throws IOException {
    json.writeStartArray();
    for (int row = from; row < to; row++) {
      output.writeRow(json, row);
    }
    json.writeEndArray();
  }
}
