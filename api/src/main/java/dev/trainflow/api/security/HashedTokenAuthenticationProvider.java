package dev.trainflow.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Bearer tokens configured as SHA-256 hashes. The presented token is hashed and compared with
 * every configured hash in constant time; the token itself is never stored, compared in the clear
 * or logged. A token that matches none falls through to the JWT provider when an issuer is
 * configured and looks like a JWT, else it is refused.
 */
final class HashedTokenAuthenticationProvider implements AuthenticationProvider {
  private final List<Entry> tokens;
  private final boolean jwtConfigured;

  private record Entry(String name, Role role, byte[] sha256) {}

  HashedTokenAuthenticationProvider(List<AuthSettings.Token> configured, boolean jwtConfigured) {
    this.jwtConfigured = jwtConfigured;
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      AuthSettings.Token token = configured.get(i);
      String at = "trainflow.auth.tokens[" + i + "]";
      if (token.name() == null || token.name().isBlank()) {
        throw new IllegalStateException(at + ".name is required: it names the caller in the audit log");
      }
      Role role =
          Role.parse(token.role())
              .orElseThrow(() -> new IllegalStateException(at + ".role is '" + token.role() + "', expected viewer, operator or admin"));
      String hash = token.sha256() == null ? "" : token.sha256().trim().toLowerCase(java.util.Locale.ROOT);
      if (!hash.matches("[0-9a-f]{64}")) {
        throw new IllegalStateException(
            at + ".sha256 must be the 64 hex characters of the token's SHA-256 (printf %s \"$TOKEN\" | sha256sum)");
      }
      entries.add(new Entry(token.name().trim(), role, HexFormat.of().parseHex(hash)));
    }
    this.tokens = List.copyOf(entries);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String presented = ((BearerTokenAuthenticationToken) authentication).getToken();
    byte[] hash = sha256(presented);
    Entry match = null;
    for (Entry entry : tokens) {
      // every entry is compared, so the time taken does not say which one matched
      if (MessageDigest.isEqual(entry.sha256(), hash) && match == null) {
        match = entry;
      }
    }
    if (match != null) {
      return new CallerAuthentication(match.name(), AuthorityUtils.createAuthorityList(match.role().authorities()));
    }
    if (jwtConfigured && looksLikeJwt(presented)) {
      return null;
    }
    throw new BadCredentialsException("the bearer token is not valid");
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }

  private static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
