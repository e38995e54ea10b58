package dev.trainflow.activities.vertex;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.aiplatform.v1.JobServiceClient;
import com.google.cloud.aiplatform.v1.JobServiceSettings;
import com.google.cloud.aiplatform.v1.ModelServiceClient;
import com.google.cloud.aiplatform.v1.ModelServiceSettings;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Opens the Vertex AI clients on the region's endpoint with Application Default Credentials, or
 * on an emulator's {@code host:port} in plaintext without credentials.
 */
public final class VertexClients {
  private VertexClients() {}

  public static JobServiceClient jobs(VertexSettings settings) {
    try {
      JobServiceSettings.Builder builder = JobServiceSettings.newBuilder().setEndpoint(settings.apiEndpoint());
      if (settings.emulated()) {
        builder.setCredentialsProvider(NoCredentialsProvider.create()).setTransportChannelProvider(plaintext(settings));
      }
      return JobServiceClient.create(builder.build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the Vertex AI job client for " + settings.apiEndpoint(), e);
    }
  }

  public static ModelServiceClient models(VertexSettings settings) {
    try {
      ModelServiceSettings.Builder builder = ModelServiceSettings.newBuilder().setEndpoint(settings.apiEndpoint());
      if (settings.emulated()) {
        builder.setCredentialsProvider(NoCredentialsProvider.create()).setTransportChannelProvider(plaintext(settings));
      }
      return ModelServiceClient.create(builder.build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the Vertex AI model client for " + settings.apiEndpoint(), e);
    }
  }

  private static InstantiatingGrpcChannelProvider plaintext(VertexSettings settings) {
    return InstantiatingGrpcChannelProvider.newBuilder()
        .setEndpoint(settings.apiEndpoint())
        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
        .build();
  }
}
