package dev.trainflow.deploy.cloudrun;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.ServicesSettings;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Opens the Cloud Run Admin API v2 client: Google's endpoint with ADC, or an emulator in plaintext. */
public final class CloudRunClients {
  /** A revision that has not become ready in this long has failed (Cloud Run's own limit is similar). */
  static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(15);

  private CloudRunClients() {}

  public static ServicesClient services(CloudRunSettings settings) {
    try {
      ServicesSettings.Builder builder = ServicesSettings.newBuilder();
      if (settings.endpoint() != null) {
        builder
            .setEndpoint(settings.endpoint())
            .setCredentialsProvider(NoCredentialsProvider.create())
            .setTransportChannelProvider(
                InstantiatingGrpcChannelProvider.newBuilder()
                    .setEndpoint(settings.endpoint())
                    .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                    .build());
      }
      // a fixed poll interval instead of the library's 5 s growing to 45 s: deploys wait on it
      OperationTimedPollAlgorithm polling =
          OperationTimedPollAlgorithm.create(
              RetrySettings.newBuilder()
                  .setInitialRetryDelayDuration(settings.pollInterval())
                  .setRetryDelayMultiplier(1.0)
                  .setMaxRetryDelayDuration(settings.pollInterval())
                  .setInitialRpcTimeoutDuration(Duration.ofSeconds(30))
                  .setRpcTimeoutMultiplier(1.0)
                  .setMaxRpcTimeoutDuration(Duration.ofSeconds(30))
                  .setTotalTimeoutDuration(OPERATION_TIMEOUT)
                  .build());
      builder.createServiceOperationSettings().setPollingAlgorithm(polling);
      builder.updateServiceOperationSettings().setPollingAlgorithm(polling);
      builder.deleteServiceOperationSettings().setPollingAlgorithm(polling);
      return ServicesClient.create(builder.build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the Cloud Run client", e);
    }
  }
}
