package dev.trainflow.api.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A caller authenticated by a configured token: a name and its roles' authorities. It carries no
 * credentials, so nothing that prints it can print the token.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {
  private final String name;

  CallerAuthentication(String name, Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.name = name;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public Object getPrincipal() {
    return name;
  }

  @Override
  public String getName() {
    return name;
  }
}
