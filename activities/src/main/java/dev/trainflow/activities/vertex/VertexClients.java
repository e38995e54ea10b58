package dev.trainflow.activities.vertex;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.aiplatform.v1.JobServiceClient;
import com.google.cloud.aiplatform.v1.JobServiceSettings;
import com.google.cloud.aiplatform.v1.ModelServiceClient;
import com.google.cloud.aiplatform.v1.ModelServiceSettings;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Opens the Vertex AI clients on the region's endpoint with Application Default Credentials, or
 * on an emulator's {@code host:port} in plaintext without credentials.
 */
public final class VertexClients {
  /** Uploading registers files Vertex AI reads from Cloud Storage; it takes seconds to minutes. */
  static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);
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
      // an upload is polled at the poll interval, not the library's 5 s growing to 45 s
      builder.uploadModelOperationSettings()
          .setPollingAlgorithm(
              OperationTimedPollAlgorithm.create(
                  RetrySettings.newBuilder()
                      .setInitialRetryDelayDuration(settings.pollInterval())
                      .setRetryDelayMultiplier(1.0)
                      .setMaxRetryDelayDuration(settings.pollInterval())
                      .setInitialRpcTimeoutDuration(Duration.ofSeconds(30))
                      .setRpcTimeoutMultiplier(1.0)
                      .setMaxRpcTimeoutDuration(Duration.ofSeconds(30))
                      .setTotalTimeoutDuration(UPLOAD_TIMEOUT)
                      .build()));
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
