package dev.trainflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainflow.api.runtime.TrainflowSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When auth is on, off, or refuses to let the service start. */
class AuthModeTests {
  private static final AuthSettings.Token TOKEN = new AuthSettings.Token("ci", "operator", "a".repeat(64));

  @Test
  void shouldRunTheEmbeddedDefaultWithoutAuthAndSaySo() {
    AuthMode mode = AuthMode.decide(auth("auto", List.of()), runtime("", ""));
    assertThat(mode.enforcing()).isFalse();
    assertThat(mode.headerValue()).isEqualTo("off");
    assertThat(mode.reason()).contains("OFF").contains("trainflow.auth.tokens");
  }

  @Test
  void shouldRefuseToStartUnprotectedWithProductionSettingsNamingTheSettings() {
    for (TrainflowSettings production : List.of(runtime("temporal:7233", ""), runtime("", "jdbc:postgresql://db/x"))) {
      assertThatThrownBy(() -> AuthMode.decide(auth("auto", List.of()), production))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("refusing to start")
          .hasMessageContaining("TRAINFLOW_AUTH_MODE=off")
          .hasMessageContaining("trainflow.auth.jwt.issuer-uri");
    }
  }

  @Test
  void shouldRunUnprotectedInProductionOnlyWhenExplicitlyTurnedOff() {
    AuthMode off = AuthMode.decide(auth("off", List.of()), runtime("temporal:7233", "jdbc:postgresql://db/x"));
    assertThat(off.enforcing()).isFalse();
    assertThat(off.reason()).contains("explicitly").contains("production");
  }

  @Test
  void shouldEnforceWheneverTokensOrAnIssuerAreConfigured() {
    assertThat(AuthMode.decide(auth("auto", List.of(TOKEN)), runtime("", "")).enforcing()).isTrue();
    assertThat(AuthMode.decide(auth("auto", List.of(TOKEN)), runtime("temporal:7233", "")).headerValue()).isEqualTo("on");
    AuthSettings issuer =
        new AuthSettings("auto", List.of(), new AuthSettings.Jwt("https://issuer", null, null, null, null, null), false, List.of());
    assertThat(AuthMode.decide(issuer, runtime("temporal:7233", "")).enforcing()).isTrue();
    assertThatThrownBy(() -> AuthMode.decide(auth("on", List.of()), runtime("", ""))).hasMessageContaining("TRAINFLOW_AUTH_MODE=on");
    assertThatThrownBy(() -> AuthMode.decide(auth("maybe", List.of()), runtime("", ""))).hasMessageContaining("expected auto, on or off");
  }

  @Test
  void shouldRefuseTokenSettingsThatCannotWork() {
    assertThatThrownBy(() -> new HashedTokenAuthenticationProvider(List.of(new AuthSettings.Token("ci", "operator", "not-hex")), false))
        .hasMessageContaining("trainflow.auth.tokens[0].sha256");
    assertThatThrownBy(() -> new HashedTokenAuthenticationProvider(List.of(new AuthSettings.Token("ci", "root", "a".repeat(64))), false))
        .hasMessageContaining("trainflow.auth.tokens[0].role");
    assertThatThrownBy(() -> new HashedTokenAuthenticationProvider(List.of(new AuthSettings.Token(" ", "viewer", "a".repeat(64))), false))
        .hasMessageContaining("trainflow.auth.tokens[0].name");
  }

  private static AuthSettings auth(String mode, List<AuthSettings.Token> tokens) {
    return new AuthSettings(mode, tokens, null, false, null);
  }

  private static TrainflowSettings runtime(String temporal, String database) {
    return new TrainflowSettings(
        Path.of("data"),
        new TrainflowSettings.Temporal(temporal, 7233),
        new TrainflowSettings.Database(database, null, null, 0),
        new TrainflowSettings.Artifacts(null),
        new TrainflowSettings.Workers(true));
  }
}
