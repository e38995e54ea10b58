package dev.trainflow.deploy.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Traffic splits between an endpoint's revisions: revision id → percent, summing to 100. */
public final class TrafficSplit {
  private TrafficSplit() {}

  /**
   * The split after a gradual rollout of {@code revision} at {@code percent}: the new revision gets
   * {@code percent}, the revision that had the most traffic before (the one serving, or the older
   * side of an unfinished rollout) gets the rest, every other revision none. Rolling out a revision
   * that already serves changes only its share against that same counterpart.
   */
  public static Map<String, Integer> afterDeploy(Map<String, Integer> current, String revision, int percent) {
    requireShare(percent);
    Map<String, Integer> split = new LinkedHashMap<>();
    String previous = null;
    int previousShare = -1;
    for (Map.Entry<String, Integer> share : current.entrySet()) {
      if (!share.getKey().equals(revision) && share.getValue() > previousShare && share.getValue() > 0) {
        previous = share.getKey();
        previousShare = share.getValue();
      }
    }
    if (previous == null || percent == 100) {
      split.put(revision, 100);
      return split;
    }
    split.put(previous, 100 - percent);
    split.put(revision, percent);
    return split;
  }

  /** A deployed revision's share: 1 to 100 percent. */
  public static void requireShare(int percent) {
    require(percent >= 1 && percent <= 100, "traffic_split_percent must be between 1 and 100, got " + percent);
  }

  /** The split with zero shares dropped; throws when the shares are not 0–100 and summing to 100. */
  public static Map<String, Integer> validated(Map<String, Integer> split) {
    require(split != null && !split.isEmpty(), "a traffic split names at least one revision");
    Map<String, Integer> kept = new LinkedHashMap<>();
    int sum = 0;
    List<String> bad = new ArrayList<>();
    for (Map.Entry<String, Integer> share : split.entrySet()) {
      Integer value = share.getValue();
      if (value == null || value < 0 || value > 100) {
        bad.add(share.getKey() + "=" + value);
        continue;
      }
      sum += value;
      if (value > 0) {
        kept.put(share.getKey(), value);
      }
    }
    require(bad.isEmpty(), "traffic shares must be between 0 and 100: " + String.join(", ", bad));
    require(sum == 100, "traffic shares must sum to 100, got " + sum);
    return kept;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
