package dev.trainflow.api.security;

/** What a request needs: nothing, or a role at least as high as the one named. */
public enum Access {
  PUBLIC(null),
  VIEWER(Role.VIEWER),
  OPERATOR(Role.OPERATOR),
  ADMIN(Role.ADMIN);

  private final Role role;

  Access(Role role) {
    this.role = role;
  }

  /** The lowest role allowed; null for public. */
  public Role role() {
    return role;
  }
}
