package dev.trainflow.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code trainflow.auth.*}: who may call the API.
 *
 * @param mode {@code auto} (default: on when tokens or an OIDC issuer are configured; off on the
 *     embedded default when none are; refuses to start with production settings and none), {@code
 *     on} (refuses to start without tokens or an issuer) or {@code off} (no checks at all)
 * @param tokens bearer tokens, each stored as the SHA-256 of the token, never the token itself
 * @param jwt an OIDC issuer whose JWTs are accepted
 * @param publicMetrics whether {@code /actuator/prometheus} answers without a token (default: a
 *     viewer token is needed, which Prometheus sends with {@code authorization.credentials_file})
 * @param corsAllowedOrigins origins a browser may call the API from; none by default
 */
@ConfigurationProperties("trainflow.auth")
public record AuthSettings(
    String mode, List<Token> tokens, Jwt jwt, boolean publicMetrics, List<String> corsAllowedOrigins) {

  public AuthSettings {
    mode = mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(java.util.Locale.ROOT);
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    jwt = jwt == null ? new Jwt(null, null, null, null, null, null) : jwt;
    corsAllowedOrigins =
        corsAllowedOrigins == null ? List.of() : corsAllowedOrigins.stream().filter(o -> !o.isBlank()).toList();
  }

  /**
   * A bearer token: {@code sha256} is the lowercase hex SHA-256 of the token ({@code printf %s
   * "$TOKEN" | sha256sum}); {@code name} says whose it is in the audit log.
   */
  public record Token(String name, String role, String sha256) {}

  /**
   * An OIDC issuer. Signatures are checked against {@code jwkSetUri}, or against the keys the
   * issuer's discovery document names when only {@code issuerUri} is set (looked up at the first
   * token, so the service starts while the issuer is down).
   *
   * @param audience when set, a token's {@code aud} must contain it
   * @param rolesClaim where the roles are: a claim name or a dotted path ({@code
   *     realm_access.roles}); a list or a space-separated string (default {@code roles})
   * @param rolePrefix prefix of role values in that claim ({@code trainflow-} for {@code
   *     trainflow-operator}); default none
   * @param nameClaim the caller's name for the audit log (default {@code sub})
   */
  public record Jwt(
      String issuerUri, String jwkSetUri, String audience, String rolesClaim, String rolePrefix, String nameClaim) {
    public boolean configured() {
      return (issuerUri != null && !issuerUri.isBlank()) || (jwkSetUri != null && !jwkSetUri.isBlank());
    }

    public String rolesClaimOrDefault() {
      return rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
    }

    public String nameClaimOrDefault() {
      return nameClaim == null || nameClaim.isBlank() ? "sub" : nameClaim;
    }

    public String rolePrefixOrDefault() {
      return rolePrefix == null ? "" : rolePrefix;
    }
  }
}
