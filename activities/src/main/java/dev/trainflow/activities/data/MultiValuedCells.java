package dev.trainflow.activities.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a multi-valued cell such as MovieLens genres "Action|Comedy": split at the
 * separator, blank tokens dropped. The Transform stage, the trainer and the exported model all
 * split this way, so a token means the same everywhere.
 */
public final class MultiValuedCells {
  private MultiValuedCells() {}

  public static List<String> tokens(String cell, String separator) {
    List<String> tokens = new ArrayList<>();
    if (cell == null || cell.isEmpty()) {
      return tokens;
    }
    int from = 0;
    while (true) {
      int at = cell.indexOf(separator, from);
      String token = at < 0 ? cell.substring(from) : cell.substring(from, at);
      if (!token.isEmpty()) {
        tokens.add(token);
      }
      if (at < 0) {
        return tokens;
      }
      from = at + separator.length();
    }
  }
}
