package dev.trainflow.api.endpoints;

import dev.trainflow.deploy.endpoint.EndpointManager;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Brings the recorded endpoints back once the service is up: local model servers die with the
 * process that started them. In the background, so a slow model does not hold up startup.
 */
@Component
class EndpointRestorer {
  private final EndpointManager endpoints;

  EndpointRestorer(EndpointManager endpoints) {
    this.endpoints = endpoints;
  }

  @EventListener(ApplicationReadyEvent.class)
  void restore() {
    Thread thread = new Thread(endpoints::restore, "endpoint-restore");
    thread.setDaemon(true);
    thread.start();
  }
}
