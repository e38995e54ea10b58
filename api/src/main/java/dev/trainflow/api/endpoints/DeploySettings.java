package dev.trainflow.api.endpoints;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code trainflow.deploy.*}.
 *
 * @param target where endpoints live: {@code local} (model-server processes on this host) or
 *     {@code cloud_run} (a Cloud Run service per endpoint)
 * @param localBindAddress the address local endpoints listen on; loopback unless opened on purpose
 * @param localStartTimeout how long a local model server may take to load its model
 */
@ConfigurationProperties("trainflow.deploy")
public record DeploySettings(String target, String localBindAddress, Duration localStartTimeout) {
  public DeploySettings {
    target = target == null || target.isBlank() ? "local" : target;
    localBindAddress = localBindAddress == null || localBindAddress.isBlank() ? "127.0.0.1" : localBindAddress;
    localStartTimeout = localStartTimeout == null ? Duration.ofSeconds(120) : localStartTimeout;
  }
}
