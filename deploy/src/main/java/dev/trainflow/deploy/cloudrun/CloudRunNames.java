package dev.trainflow.deploy.cloudrun;

import java.util.Locale;

/**
 * Cloud Run's naming rules. A service id is at most 49 lowercase letters, digits and hyphens,
 * starting with a letter and not ending with a hyphen; a revision name is {@code
 * <service>-<suffix>}, at most 63 characters. An endpoint name is folded into them rather than
 * refused, the same way every time, so the same endpoint always reaches the same service.
 */
public final class CloudRunNames {
  static final int MAX_SERVICE_ID = 49;
  static final int MAX_REVISION_NAME = 63;

  private CloudRunNames() {}

  public static String serviceId(String endpointName) {
    String folded = fold(endpointName);
    if (folded.isEmpty() || !Character.isLetter(folded.charAt(0))) {
      folded = "ep-" + folded;
    }
    return trim(folded, MAX_SERVICE_ID);
  }

  /** {@code <service>-<revision id>}: addressable by name in traffic targets and rollbacks. */
  public static String revisionName(String serviceId, String revisionId) {
    String name = serviceId + "-" + fold(revisionId);
    if (name.length() > MAX_REVISION_NAME) {
      throw new IllegalArgumentException(
          "revision name " + name + " is longer than Cloud Run's " + MAX_REVISION_NAME + " characters: use a shorter endpoint name");
    }
    return trim(name, MAX_REVISION_NAME);
  }

  /** The revision id a revision name of this service carries, or null for a revision we did not name. */
  static String revisionId(String serviceId, String revisionName) {
    String prefix = serviceId + "-";
    return revisionName.startsWith(prefix) ? revisionName.substring(prefix.length()) : null;
  }

  private static String fold(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (char c : lower.toCharArray()) {
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (ok) {
        out.append(c);
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
        out.append('-');
      }
    }
    return out.toString();
  }

  private static String trim(String value, int max) {
    String cut = value.length() > max ? value.substring(0, max) : value;
    while (cut.endsWith("-")) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut;
  }
}
