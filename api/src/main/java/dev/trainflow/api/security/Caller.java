package dev.trainflow.api.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, for the audit log and for error messages: a configured token's name or a JWT's
 * subject, with the role it holds.
 *
 * @param role null for an anonymous caller, or one with no role
 */
public record Caller(String name, Role role) {
  /** The caller when auth is off: nobody was asked who they are. */
  public static final String UNCHECKED = "anonymous (auth off)";
  public static final String ANONYMOUS = "anonymous";

  /** The caller of the current request, from Spring Security's context. */
  public static Caller current() {
    return of(SecurityContextHolder.getContext().getAuthentication());
  }

  static Caller of(Authentication authentication) {
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
      return new Caller(ANONYMOUS, null);
    }
    Optional<Role> role =
        Role.highest(authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    return new Caller(authentication.getName(), role.orElse(null));
  }

  public String roleValue() {
    return role == null ? null : role.value();
  }
}
