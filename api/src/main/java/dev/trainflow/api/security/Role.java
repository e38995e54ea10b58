package dev.trainflow.api.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The callers' roles, each including the ones below it: a viewer reads, an operator also creates,
 * cancels, retries and deploys, an admin also deletes, clears blocks and sets budgets.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  private static final String AUTHORITY_PREFIX = "ROLE_";

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }

  /** The authority Spring Security grants for this role. */
  public String authority() {
    return AUTHORITY_PREFIX + value();
  }

  /** This role's authority and those of the roles it includes. */
  public List<String> authorities() {
    return Arrays.stream(values()).filter(this::includes).map(Role::authority).toList();
  }

  public static Optional<Role> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.value().equalsIgnoreCase(value.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /** The highest role among granted authorities; empty when none is a role. */
  public static Optional<Role> highest(java.util.Collection<String> authorities) {
    Role best = null;
    for (Role role : values()) {
      if (authorities.contains(role.authority())) {
        best = role;
      }
    }
    return Optional.ofNullable(best);
  }
}
