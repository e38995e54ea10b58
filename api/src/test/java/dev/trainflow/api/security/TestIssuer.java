package dev.trainflow.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An OIDC issuer for tests: an RSA key whose public half is served as a JWKS on a loopback port,
 * and signed JWTs. A second key, never published, signs tokens that must be refused.
 */
public final class TestIssuer {
  public static final String ISSUER = "https://issuer.trainflow.test";
  public static final String AUDIENCE = "trainflow-api";

  private final RSAKey key;
  private final RSAKey unpublished;
  private final HttpServer server;

  private TestIssuer() {
    try {
      key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
      unpublished = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(jwks);
          }
        });
    server.start();
  }

  public static TestIssuer start() {
    return new TestIssuer();
  }

  public String jwkSetUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
  }

  public String token(String subject, List<String> roles) {
    return sign(key, ISSUER, subject, roles, Duration.ofMinutes(10));
  }

  public String expiredToken(String subject, List<String> roles) {
    return sign(key, ISSUER, subject, roles, Duration.ofMinutes(-10));
  }

  public String tokenOfAnotherIssuer(String subject, List<String> roles) {
    return sign(key, "https://somewhere-else.test", subject, roles, Duration.ofMinutes(10));
  }

  public String tokenWithUnpublishedKey(String subject, List<String> roles) {
    return sign(unpublished, ISSUER, subject, roles, Duration.ofMinutes(10));
  }

  private static String sign(RSAKey with, String issuer, String subject, List<String> roles, Duration validFor) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(subject)
            .audience(AUDIENCE)
            .issueTime(Date.from(now.minusSeconds(60)))
            .expirationTime(Date.from(now.plus(validFor)))
            .claim("realm_access", java.util.Map.of("roles", roles))
            .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
