package dev.trainflow.workflows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * The data converter every client and worker uses. It is Temporal's default but tolerates fields
 * it does not know, so a record that gains a field in a newer build still reads on an older worker
 * and old histories replay after a record changes.
 */
public final class PayloadConverters {
  private PayloadConverters() {}

  public static DataConverter dataConverter() {
    ObjectMapper mapper =
        JacksonJsonPayloadConverter.newDefaultObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper));
  }
}
