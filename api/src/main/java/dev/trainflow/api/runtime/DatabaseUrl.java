package dev.trainflow.api.runtime;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code DATABASE_URL} as JDBC settings. Accepts a JDBC URL ({@code jdbc:postgresql://host/db})
 * or the libpq/Heroku form ({@code postgres://user:password@host:5432/db}); credentials in the
 * URL win over {@code DATABASE_USERNAME}/{@code DATABASE_PASSWORD}.
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

  static DatabaseUrl parse(String url, String username, String password) {
    if (url.startsWith("jdbc:")) {
      return new DatabaseUrl(url, blankToNull(username), blankToNull(password));
    }
    if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
      throw new IllegalArgumentException(
          "DATABASE_URL must start with jdbc:postgresql://, postgres:// or postgresql://");
    }
    URI uri = URI.create(url);
    String user = blankToNull(username);
    String pass = blankToNull(password);
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      pass = parts.length > 1 ? decode(parts[1]) : pass;
    }
    String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
    String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
    return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, user, pass);
  }

  /** The URL without credentials, safe to log. */
  String redacted() {
    return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
