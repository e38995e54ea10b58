package dev.trainflow.api.security;

import dev.trainflow.api.runtime.TrainflowSettings;

/**
 * Whether this process checks tokens, decided once at startup from {@link AuthSettings} and the
 * runtime mode. With production settings (a Temporal cluster or a database URL) and no tokens or
 * issuer, the service refuses to start unless auth is explicitly off.
 *
 * @param reason one line for the startup log
 */
public record AuthMode(boolean enforcing, String reason) {
  /** The response header that tells every caller which mode answered. */
  public static final String HEADER = "X-Trainflow-Auth";

  static final String HOW_TO_CONFIGURE =
      "configure trainflow.auth.tokens[n].name/.role/.sha256 (TRAINFLOW_AUTH_TOKENS_0_SHA256, ...) or"
          + " trainflow.auth.jwt.issuer-uri (TRAINFLOW_AUTH_JWT_ISSUER_URI)";

  public String headerValue() {
    return enforcing ? "on" : "off";
  }

  static AuthMode decide(AuthSettings auth, TrainflowSettings runtime) {
    boolean configured = !auth.tokens().isEmpty() || auth.jwt().configured();
    boolean production = !runtime.temporal().embedded() || !runtime.database().embedded();
    String what = describe(auth);
    switch (auth.mode()) {
      case "off":
        return new AuthMode(
            false,
            "OFF, explicitly (TRAINFLOW_AUTH_MODE=off): every request is accepted without a token"
                + (production ? " on a service with production settings" : "")
                + (configured ? "; the configured " + what + " are ignored" : ""));
      case "on":
        if (!configured) {
          throw new IllegalStateException(
              "TRAINFLOW_AUTH_MODE=on but no token or OIDC issuer is configured: " + HOW_TO_CONFIGURE);
        }
        return new AuthMode(true, "ON: bearer " + what);
      case "auto":
        if (configured) {
          return new AuthMode(true, "ON: bearer " + what);
        }
        if (production) {
          throw new IllegalStateException(
              "refusing to start without auth: TEMPORAL_ADDRESS or DATABASE_URL is set (production settings) and no"
                  + " token or OIDC issuer is configured; " + HOW_TO_CONFIGURE
                  + ", or set TRAINFLOW_AUTH_MODE=off to run without auth");
        }
        return new AuthMode(
            false,
            "OFF - the embedded default accepts every request without a token and says so in the "
                + HEADER + " header; " + HOW_TO_CONFIGURE + " to turn it on");
      default:
        throw new IllegalStateException(
            "trainflow.auth.mode (TRAINFLOW_AUTH_MODE) is '" + auth.mode() + "', expected auto, on or off");
    }
  }

  private static String describe(AuthSettings auth) {
    StringBuilder sb = new StringBuilder();
    if (!auth.tokens().isEmpty()) {
      sb.append(auth.tokens().size()).append(" hashed token(s)");
    }
    if (auth.jwt().configured()) {
      sb.append(sb.length() > 0 ? " and " : "")
          .append("JWTs of ")
          .append(auth.jwt().issuerUri() != null && !auth.jwt().issuerUri().isBlank() ? auth.jwt().issuerUri() : auth.jwt().jwkSetUri())
          .append(" (roles from claim '").append(auth.jwt().rolesClaimOrDefault()).append("')");
    }
    return sb.toString();
  }
}
