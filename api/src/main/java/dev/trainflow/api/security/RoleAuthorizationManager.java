package dev.trainflow.api.security;

import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.UrlPathHelper;

/** Decides each request by {@link AccessRules}: the caller's role must include the one needed. */
final class RoleAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {
  private final AccessRules rules;

  RoleAuthorizationManager(AccessRules rules) {
    this.rules = rules;
  }

  @Override
  public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    var request = context.getRequest();
    Access needed =
        rules.required(HttpMethod.valueOf(request.getMethod()), UrlPathHelper.defaultInstance.getPathWithinApplication(request));
    if (needed == Access.PUBLIC) {
      return new AuthorizationDecision(true);
    }
    Authentication caller = authentication.get();
    boolean allowed =
        caller != null
            && caller.isAuthenticated()
            && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(needed.role().authority()::equals);
    return new AuthorizationDecision(allowed);
  }
}
