package dev.trainflow.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A verified JWT as a caller: its name from {@code name_claim}, its role the highest of the roles
 * named in {@code roles_claim} (a list, or a space-separated string, at a dotted path). A token
 * naming no role authenticates but may call nothing that needs one.
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {
  private final AuthSettings.Jwt settings;

  JwtRoles(AuthSettings.Jwt settings) {
    this.settings = settings;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    Optional<Role> role = roles(jwt).stream().max(Enum::compareTo);
    List<String> authorities = role.map(Role::authorities).orElse(List.of());
    String name = jwt.getClaimAsString(settings.nameClaimOrDefault());
    return new JwtAuthenticationToken(
        jwt, AuthorityUtils.createAuthorityList(authorities), name == null ? jwt.getSubject() : name);
  }

  List<Role> roles(Jwt jwt) {
    Object value = claim(jwt.getClaims(), settings.rolesClaimOrDefault());
    List<String> names = new ArrayList<>();
    if (value instanceof Collection<?> list) {
      list.forEach(v -> names.add(String.valueOf(v)));
    } else if (value instanceof String s) {
      names.addAll(List.of(s.trim().split("\\s+")));
    }
    String prefix = settings.rolePrefixOrDefault();
    List<Role> roles = new ArrayList<>();
    for (String name : names) {
      if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
        Role.parse(name.substring(prefix.length())).ifPresent(roles::add);
      }
    }
    return roles;
  }

  private static Object claim(Map<String, Object> claims, String path) {
    Object current = claims;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }
}
