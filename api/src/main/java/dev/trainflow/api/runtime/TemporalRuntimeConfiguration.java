package dev.trainflow.api.runtime;

import dev.trainflow.workflows.PayloadConverters;
import io.temporal.common.converter.DataConverter;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Temporal connection: the starter builds the service stubs and the client from {@code
 * spring.temporal.*}; this adds the embedded server they connect to and our data converter.
 */
@Configuration(proxyBeanMethods = false)
class TemporalRuntimeConfiguration {
  static final String EMBEDDED_SERVER_BEAN = "embeddedTemporalServer";
  private static final String STARTER_STUBS_BEAN = "temporalWorkflowServiceStubs";

  @Bean(name = EMBEDDED_SERVER_BEAN, destroyMethod = "close")
  @ConditionalOnExpression("'${trainflow.temporal.address:}'.isBlank()")
  EmbeddedTemporalServer embeddedTemporalServer(TrainflowSettings settings) {
    return new EmbeddedTemporalServer(settings.temporal().embeddedPort());
  }

  /** The starter's stubs connect at creation: the embedded server must listen first. */
  @Bean
  static BeanFactoryPostProcessor stubsStartAfterEmbeddedServer() {
    return factory -> {
      if (factory.containsBeanDefinition(EMBEDDED_SERVER_BEAN)
          && factory.containsBeanDefinition(STARTER_STUBS_BEAN)) {
        BeanDefinition stubs = factory.getBeanDefinition(STARTER_STUBS_BEAN);
        String[] existing = stubs.getDependsOn();
        String[] dependsOn =
            existing == null ? new String[] {EMBEDDED_SERVER_BEAN} : append(existing, EMBEDDED_SERVER_BEAN);
        stubs.setDependsOn(dependsOn);
      }
    };
  }

  @Bean
  DataConverter mainDataConverter() {
    return PayloadConverters.dataConverter();
  }

  private static String[] append(String[] values, String value) {
    String[] out = java.util.Arrays.copyOf(values, values.length + 1);
    out[values.length] = value;
    return out;
  }
}
