package dev.trainflow.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at startup whether tokens are checked; loudly (WARN) when they are not. */
@Component
class AuthModeLog {
  private static final Logger log = LoggerFactory.getLogger(AuthModeLog.class);

  private final AuthMode mode;
  private final AuthSettings settings;

  AuthModeLog(AuthMode mode, AuthSettings settings) {
    this.mode = mode;
    this.settings = settings;
  }

  @EventListener(ApplicationReadyEvent.class)
  void describe() {
    if (mode.enforcing()) {
      log.info("mode auth:      {}", mode.reason());
    } else {
      log.warn("mode auth:      {}", mode.reason());
    }
    log.info("mode cors:      {}",
        settings.corsAllowedOrigins().isEmpty() ? "closed (no allowed origins)" : "open to " + settings.corsAllowedOrigins());
  }
}
