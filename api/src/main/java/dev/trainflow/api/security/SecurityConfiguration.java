package dev.trainflow.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainflow.activities.audit.AuditLogRepository;
import dev.trainflow.api.audit.ApiAuditFilter;
import dev.trainflow.api.runtime.TrainflowSettings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.UrlPathHelper;

/**
 * Spring Security for a token-only API: no sessions, no cookies (so no CSRF), no login page.
 * Enforcing: every request is decided by {@link AccessRules}, bearer tokens are checked against
 * the configured hashes and, when an issuer is configured, verified as JWTs against its keys. Off:
 * everything is allowed, and said so. Either way mutating calls are audited and CORS admits only
 * the configured origins (none by default).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  AuthMode authMode(AuthSettings auth, TrainflowSettings runtime) {
    return AuthMode.decide(auth, runtime);
  }

  /**
   * Decides the auth mode before any bean exists, so a service with production settings and no
   * auth stops at once with that reason, not later with a connection error of some other part.
   */
  @Bean
  static BeanFactoryPostProcessor authModeCheckedFirst(Environment environment) {
    return factory -> {
      Binder binder = Binder.get(environment);
      AuthSettings auth = binder.bindOrCreate("trainflow.auth", AuthSettings.class);
      TrainflowSettings runtime = binder.bindOrCreate("trainflow", TrainflowSettings.class);
      AuthMode.decide(auth, runtime);
    };
  }

  @Bean
  AccessRules accessRules(AuthSettings auth) {
    return AccessRules.standard(auth.publicMetrics());
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      AuthMode mode,
      AuthSettings auth,
      AccessRules rules,
      AuditLogRepository audit,
      ObjectMapper json)
      throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .cors(cors -> cors.configurationSource(cors(auth.corsAllowedOrigins())))
        .addFilterAfter(new ApiAuditFilter(audit, json, mode.enforcing()), SecurityContextHolderFilter.class);
    if (!mode.enforcing()) {
      return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }
    JsonAuthErrors errors = new JsonAuthErrors(json, rules);
    AuthenticationManager tokens = authenticationManager(auth);
    return http.authorizeHttpRequests(a -> a.anyRequest().access(new RoleAuthorizationManager(rules)))
        .oauth2ResourceServer(
            rs -> rs.authenticationManagerResolver(request -> tokens)
                .bearerTokenResolver(tokenUnlessPublic(rules))
                .authenticationEntryPoint(errors))
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .build();
  }

  /** A public endpoint (health) answers whatever the Authorization header holds, even a stale token. */
  private static BearerTokenResolver tokenUnlessPublic(AccessRules rules) {
    DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
    return request ->
        rules.required(HttpMethod.valueOf(request.getMethod()), UrlPathHelper.defaultInstance.getPathWithinApplication(request))
                == Access.PUBLIC
            ? null
            : header.resolve(request);
  }

  private static AuthenticationManager authenticationManager(AuthSettings auth) {
    List<AuthenticationProvider> providers = new ArrayList<>();
    providers.add(new HashedTokenAuthenticationProvider(auth.tokens(), auth.jwt().configured()));
    if (auth.jwt().configured()) {
      JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(jwtDecoder(auth.jwt()));
      jwt.setJwtAuthenticationConverter(new JwtRoles(auth.jwt()));
      providers.add(jwt);
    }
    ProviderManager manager = new ProviderManager(providers);
    manager.setEraseCredentialsAfterAuthentication(true);
    return manager;
  }

  /**
   * Keys from the JWKS URI when given, else from the issuer's discovery document on first use (the
   * service starts while the issuer is down). Expiry, not-before and, when configured, issuer and
   * audience are checked.
   */
  static NimbusJwtDecoder jwtDecoder(AuthSettings.Jwt settings) {
    boolean hasIssuer = settings.issuerUri() != null && !settings.issuerUri().isBlank();
    NimbusJwtDecoder decoder =
        settings.jwkSetUri() != null && !settings.jwkSetUri().isBlank()
            ? NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build()
            : NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(hasIssuer ? JwtValidators.createDefaultWithIssuer(settings.issuerUri()) : JwtValidators.createDefault());
    if (settings.audience() != null && !settings.audience().isBlank()) {
      validators.add(
          jwt -> jwt.getAudience() != null && jwt.getAudience().contains(settings.audience())
              ? OAuth2TokenValidatorResult.success()
              : OAuth2TokenValidatorResult.failure(
                  new OAuth2Error("invalid_token", "the token's audience does not include " + settings.audience(), null)));
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return decoder;
  }

  /** Closed unless origins are configured: a browser page elsewhere cannot call the API. */
  private static CorsConfigurationSource cors(List<String> allowedOrigins) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (!allowedOrigins.isEmpty()) {
      CorsConfiguration config = new CorsConfiguration();
      config.setAllowedOrigins(allowedOrigins);
      config.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
      config.setAllowedHeaders(List.of("Authorization", "Content-Type"));
      config.setExposedHeaders(List.of(AuthMode.HEADER));
      config.setAllowCredentials(false);
      config.setMaxAge(3600L);
      source.registerCorsConfiguration("/**", config);
    }
    return source;
  }
}
