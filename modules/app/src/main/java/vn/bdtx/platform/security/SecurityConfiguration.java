package vn.bdtx.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.net.IpNetwork;
import vn.bdtx.platform.web.ClientAddresses;

/**
 * Form login against the accounts, CSRF on every state change, the session in
 * Redis, and everything denied unless a rule below allows it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

  /**
   * Pages load pictures, videos and sounds only from the application itself — a lecture's own media, served
   * through its course (issue 18 item 9) — and, with an external store, from that store's public address,
   * where a media link's presigned redirect leads. A lecture's Markdown cannot make a learner's browser fetch
   * anything from elsewhere (no tracking pixel, no hot-linked picture that changes after review).
   */
  static String contentSecurityPolicy(String storeOrigin) {
    String store = storeOrigin.isEmpty() ? "" : " " + storeOrigin;
    return "default-src 'self'; img-src 'self' data: blob:" + store + "; media-src 'self' blob:" + store + "; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  }

  /** The scheme, host and port browsers fetch presigned objects from; empty with the embedded store (under /files). */
  static String storeOrigin(String endpoint, String publicEndpoint) {
    String url = publicEndpoint != null && !publicEndpoint.isBlank() ? publicEndpoint.strip()
        : endpoint == null ? "" : endpoint.strip();
    if (url.isEmpty()) {
      return "";
    }
    URI uri = URI.create(url);
    if (uri.getScheme() == null || uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalStateException("bdtx.storage.public-endpoint (or endpoint) is not an address: " + url);
    }
    return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT)
        + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }

  /**
   * BCrypt at {@code bdtx.security.bcrypt-cost}, with the "{bcrypt}" prefix so that the scheme can be upgraded
   * later. Each step of the cost doubles the time of a login's check (README: capacity per core); a hash stored
   * at a lower cost is re-encoded at this one on the person's next login (CallerAuthenticationManager).
   */
  @Bean
  PasswordEncoder passwordEncoder(@Value("${bdtx.security.bcrypt-cost:10}") int cost) {
    return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt(cost)));
  }

  private static BCryptPasswordEncoder bcrypt(int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalStateException("bdtx.security.bcrypt-cost must be between 4 and 31, not " + cost);
    }
    return new BCryptPasswordEncoder(cost);
  }

  /**
   * No Micrometer observation around each of Spring Security's filters, authentications and authorizations
   * (with an ObservationRegistry present it wraps every filter of the chain, on every request): nothing reads
   * them, and the request's own http_server_requests metric is kept (issue 19: CPU per request).
   */
  @Bean
  static org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
    return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
  }

  @Bean
  ServerSecurityContextRepository securityContextRepository() {
    return new WebSessionServerSecurityContextRepository();
  }

  /**
   * File links of the embedded store (platform.storage.StoreFiles): the link's signature is the authority,
   * as it is for a presigned URL of an external store, so anyone holding a valid link fetches the file
   * without a session, and no session is read (a video's range requests touch neither Redis nor the
   * account). The files are not pages: no Content-Security-Policy (a browser's PDF viewer must run on them),
   * but nosniff keeps each at the type the link declared (read from its bytes at upload), and none is framed.
   */
  @Bean
  @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
  SecurityWebFilterChain fileLinkFilterChain(ServerHttpSecurity http) {
    return http
        .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/files/**"))
        .securityContextRepository(org.springframework.security.web.server.context.NoOpServerSecurityContextRepository.getInstance())
        .requestCache(cache -> cache.requestCache(org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
        .authorizeExchange(ex -> ex
            .pathMatchers(HttpMethod.GET, "/files/**").permitAll()
            .pathMatchers(HttpMethod.HEAD, "/files/**").permitAll()
            .anyExchange().denyAll())
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .headers(headers -> headers
            .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
            .referrerPolicy(ref -> ref.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
        .build();
  }

  /**
   * The looks of a waiting quiz start's page (assessment.QuizStarts, issue 19 item 3): while a whole class waits
   * its turn, each page asks every few seconds, and these looks are most of what the node answers. The ticket,
   * bound when the start was pressed to the browser session that pressed it, is the authority: the look compares
   * the session cookie with it and reads no session, account or security context, so it costs neither Redis nor
   * the database. Anything else the ticket would give (the attempt) is on the waiting page itself, behind the
   * full chain below.
   */
  @Bean
  @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1)
  SecurityWebFilterChain waitingLookFilterChain(ServerHttpSecurity http) {
    return http
        .securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, WAITING_LOOKS))
        .securityContextRepository(org.springframework.security.web.server.context.NoOpServerSecurityContextRepository.getInstance())
        .requestCache(cache -> cache.requestCache(org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
        .authorizeExchange(ex -> ex.anyExchange().permitAll())
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .headers(headers -> headers
            .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
            .referrerPolicy(ref -> ref.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
        .build();
  }

  /** The address of a waiting quiz start's looks (QuizController#waitingStatus). */
  static final String WAITING_LOOKS = "/learn/*/quizzes/*/waiting/status";

  @Bean
  SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveUserDetailsService users,
                                                ReactiveUserDetailsPasswordService rehashes, PasswordEncoder encoder, MeterRegistry meters,
                                                ServerSecurityContextRepository contexts, LoginThrottle throttle,
                                                AccountVersions versions, CallerDirectory directory,
                                                RequestLimits limits, LoginQueue loginQueue,
                                                @Value("${bdtx.metrics.allowed-networks}") String metricsNetworks,
                                                @Value("${bdtx.storage.endpoint:}") String storeEndpoint,
                                                @Value("${bdtx.storage.public-endpoint:}") String storePublicEndpoint) {
    String policy = contentSecurityPolicy(storeOrigin(storeEndpoint, storePublicEndpoint));
    var authentication = new CallerAuthenticationManager(users, rehashes, encoder, meters, throttle, versions, loginQueue);
    var loginSuccess = new RedirectServerAuthenticationSuccessHandler("/");
    var loginFailure = new LoginFailureRedirect();
    return http
        .securityContextRepository(contexts)
        .authenticationManager(authentication)
        .authorizeExchange(ex -> ex
            .pathMatchers("/login", LoginQueueFilter.WAIT_PAGE, LoginQueueFilter.WAIT_PAGE + "/status", "/password/forgot", "/password/reset", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                "/error", "/verify/**").permitAll()
            .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
            .pathMatchers(HttpMethod.GET, "/actuator/prometheus").access(fromNetworksOrItAdmin(metricsNetworks))
            .pathMatchers("/actuator/**").hasRole("IT_ADMIN")
            .pathMatchers("/admin/**").hasRole("IT_ADMIN")
            .pathMatchers("/school/**").hasRole("PRINCIPAL")
            .pathMatchers("/district", "/district/**").hasRole("DISTRICT_OFFICER")
            .pathMatchers("/exemptions/**").hasAnyRole("IT_ADMIN", "PRINCIPAL")
            .pathMatchers("/lecturer/**").hasAnyRole("LECTURER", "SUPERVISOR", "IT_ADMIN")
            .pathMatchers("/runs/**", "/runs").hasAnyRole("IT_ADMIN", "SUPERVISOR")
            // Reports: the roles of reporting.ReportScope.ROLES; each page checks the caller's scope (404 outside it).
            .pathMatchers("/reports", "/reports/**").hasAnyRole("SUPERVISOR", "IT_ADMIN", "DISTRICT_OFFICER", "PRINCIPAL",
                "CORE_TEACHER")
            // Peer support (community.peersupport): each page also checks the caller's scope (404 outside it).
            .pathMatchers("/peer-support/approvals", "/peer-support/approvals/**").hasAnyRole("PRINCIPAL", "DISTRICT_OFFICER",
                "SUPERVISOR")
            .pathMatchers("/peer-support/oversight", "/peer-support/oversight/**").hasAnyRole("DISTRICT_OFFICER", "SUPERVISOR",
                "IT_ADMIN")
            .pathMatchers("/peer-support/due/**").hasAnyRole("SUPERVISOR", "IT_ADMIN")
            .pathMatchers("/peer-support", "/peer-support/runs/**").hasRole("CORE_TEACHER")
            .anyExchange().authenticated())
        .formLogin(form -> form
            .loginPage("/login")
            .authenticationManager(authentication)
            .authenticationSuccessHandler(loginSuccess)
            .authenticationFailureHandler(loginFailure))
        .logout(logout -> logout
            .logoutUrl("/logout")
            .logoutSuccessHandler(logoutSuccess()))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(policy))
            .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
            .referrerPolicy(ref -> ref.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
        .csrf(csrf -> csrf.csrfTokenRepository(sessionCsrfTokens()).csrfTokenRequestHandler(multipartAware()).accessDeniedHandler(new DeniedAccessLog(meters)))
        .exceptionHandling(e -> e.accessDeniedHandler(new DeniedAccessLog(meters)))
        // Before the CSRF filter, which reads a multipart body whole: an anonymous caller's body is judged unread.
        .addFilterBefore(new AnonymousBodyGuard(contexts), SecurityWebFiltersOrder.CSRF)
        // Then every body by its route's cap, and a signed-in account's uploads by how many are in flight.
        .addFilterBefore(new BodyLimits(limits), SecurityWebFiltersOrder.CSRF)
        .addFilterBefore(new UploadsInFlight(contexts, limits.uploadsPerAccount(), meters), SecurityWebFiltersOrder.CSRF)
        // A login posted while the login line is long waits on a page of its own (after the CSRF check).
        .addFilterBefore(new LoginQueueFilter(loginQueue, authentication, contexts, loginSuccess, loginFailure),
            SecurityWebFiltersOrder.FORM_LOGIN)
        .addFilterBefore(new CallerRefreshFilter(versions, directory, contexts), SecurityWebFiltersOrder.AUTHORIZATION)
        .addFilterAfter(new PasswordChangeRequiredFilter(), SecurityWebFiltersOrder.AUTHORIZATION)
        .build();
  }

  /**
   * The CSRF token in the session under a short name: Spring's default attribute name (92 bytes) was a quarter of
   * the stored session (SessionValues).
   */
  private static WebSessionServerCsrfTokenRepository sessionCsrfTokens() {
    var tokens = new WebSessionServerCsrfTokenRepository();
    tokens.setSessionAttributeName("csrf");
    return tokens;
  }

  /** Upload forms are multipart: read their _csrf field too (off by default). */
  private static XorServerCsrfTokenRequestAttributeHandler multipartAware() {
    var handler = new XorServerCsrfTokenRequestAttributeHandler();
    handler.setTokenFromMultipartDataEnabled(true);
    return handler;
  }

  private static RedirectServerLogoutSuccessHandler logoutSuccess() {
    var handler = new RedirectServerLogoutSuccessHandler();
    handler.setLogoutSuccessUrl(URI.create("/login?logout"));
    return handler;
  }

  /**
   * Prometheus scrapes from the listed networks without a session; an IT admin may look from anywhere. The
   * address is the client's as platform.web.ClientAddresses resolved it: a forwarded header counts only from
   * a trusted proxy.
   */
  private static ReactiveAuthorizationManager<AuthorizationContext> fromNetworksOrItAdmin(String networks) {
    List<IpNetwork> allowed = IpNetwork.list(networks);
    return (authentication, context) -> ClientAddresses.address(context.getExchange())
            .filter(address -> allowed.stream().anyMatch(n -> n.contains(address)))
            .isPresent()
        ? Mono.just(new AuthorizationDecision(true))
        : authentication
            .map(SecurityConfiguration::isItAdmin)
            .defaultIfEmpty(false)
            .map(AuthorizationDecision::new);
  }

  private static boolean isItAdmin(Authentication a) {
    return a.getAuthorities().stream().anyMatch(g -> "ROLE_IT_ADMIN".equals(g.getAuthority()));
  }
}
