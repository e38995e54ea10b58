package dev.trainflow.activities.vertex;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Labels within Vertex AI's rules: at most 64, keys and values of at most 63 characters of
 * lowercase letters, digits, {@code _} and {@code -}, keys starting with a letter. Anything else
 * is folded in (upper case lowered, other characters to {@code _}) rather than refused, so a
 * model name or a metric value never fails an upload.
 */
public final class VertexLabels {
  public static final int MAX_LABELS = 64;
  public static final int MAX_LENGTH = 63;

  private VertexLabels() {}

  /** The labels folded to the rules; keys that fold to the same key keep the first value; over 64 are dropped. */
  public static Map<String, String> of(Map<String, String> labels) {
    Map<String, String> folded = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (folded.size() == MAX_LABELS) {
        break;
      }
      String key = fold(e.getKey());
      if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
        key = fold("k_" + key);
      }
      folded.putIfAbsent(key, e.getValue() == null ? "" : fold(e.getValue()));
    }
    return folded;
  }

  public static String fold(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(Math.min(lower.length(), MAX_LENGTH));
    for (int i = 0; i < lower.length() && out.length() < MAX_LENGTH; i++) {
      char c = lower.charAt(i);
      out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ? c : '_');
    }
    return out.toString();
  }
}
