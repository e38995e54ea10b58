package dev.trainflow.activities.logs;

import java.util.regex.Pattern;

/**
 * A last line of defence for what a run's log keeps: bearer tokens, credentials in URLs and
 * query-string signatures are masked. Code must not log secrets in the first place; this catches
 * what a library's message might carry (a signed URL in an I/O error, a password in a JDBC URL).
 */
public final class LogRedaction {
  private static final String MASK = "***";
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/\\s:@]+:)[^@\\s/]+@");
  private static final Pattern SECRET_PARAMETERS =
      Pattern.compile(
          "(?i)((?:password|passwd|pwd|secret|token|access_token|api[_-]?key|x-goog-signature|x-goog-credential"
              + "|x-amz-signature|x-amz-credential|x-amz-security-token|signature|sig)=)[^&\\s\"']+");

  private LogRedaction() {}

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = BEARER.matcher(text).replaceAll("$1" + MASK);
    out = URL_CREDENTIALS.matcher(out).replaceAll("$1" + MASK + "@");
    return SECRET_PARAMETERS.matcher(out).replaceAll("$1" + MASK);
  }
}
