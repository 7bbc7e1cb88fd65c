package app.earmark.security;

import com.vaadin.flow.spring.security.NavigationAccessControlConfigurer;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Security in one place. Filter chains: the Prometheus metrics (bearer token), health, the JSON API under {@code /api/} (stateless, personal API
 * tokens or HTTP Basic, read-only), recordings' media under {@code /media/} (the session's sign-in, GET only) and
 * everything else (the Vaadin UI with its login view, session and CSRF protection).
 * Views are guarded by their access annotations; services check again with method security and
 * object-level checks, so what the UI shows never decides what a person may read.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String METRICS_PATH = "/actuator/prometheus";

    /**
     * Usernames and passwords (login page and HTTP Basic) are checked by the people module's accounts,
     * behind {@link SignInThrottle}; re-hashes a password whose hashing has been strengthened.
     */
    @Bean
    AuthenticationManager authenticationManager(UserDetailsService accounts,
            ObjectProvider<UserDetailsPasswordService> rehashing, PasswordEncoder passwordEncoder,
            AuthenticationEventPublisher authenticationEvents, SignInThrottle throttle) {
        var passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(passwordEncoder);
        rehashing.ifAvailable(passwords::setUserDetailsPasswordService);
        var manager = new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
        manager.setAuthenticationEventPublisher(authenticationEvents);
        return manager;
    }

    /**
     * {@value #METRICS_PATH} on the application's own port, for a scraper that sends the configured bearer token
     * ({@code earmark.metrics.token}): anyone else, and everyone when no token is configured, gets 403. Metrics say how
     * busy a centre is and how its recordings fare, so they are not public; a separate management port would move the
     * load balancer's health checks off the application port too, which every proxy configuration here relies on.
     * Ordered before the health chain, which refuses everything of the actuator but health.
     */
    @Bean
    @Order(-1)
    SecurityFilterChain metricsFilterChain(HttpSecurity http, MetricsProperties properties) throws Exception {
        byte[] expected = properties.token() == null ? null
                : ("Bearer " + properties.token()).getBytes(StandardCharsets.UTF_8);
        if (expected == null) {
            LOG.info("Metrics: no earmark.metrics.token, so {} refuses every request", METRICS_PATH);
        }
        return http.securityMatcher(METRICS_PATH)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, METRICS_PATH).access((authentication, context) ->
                                new AuthorizationDecision(bearerMatches(context.getRequest(), expected)))
                        .anyRequest().denyAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN))
                        .accessDeniedHandler((request, response, denied) -> response.sendError(
                                HttpStatus.FORBIDDEN.value(), "Metrics need the bearer token set in"
                                        + " earmark.metrics.token")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** Compares in constant time, so the token cannot be found a character at a time. */
    private static boolean bearerMatches(HttpServletRequest request, byte[] expected) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return expected != null && header != null
                && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    /** Health for load balancers, open to all and saying only up or down; nothing else of the actuator is reachable. */
    @Bean
    @Order(0)
    SecurityFilterChain healthFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator", "/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiSecurityResponses responses,
            AuthenticationManager authenticationManager, ApiTokens tokens,
            SecurityContextHolderStrategy securityContexts) throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationManager(authenticationManager)
                .addFilterBefore(new ApiTokenFilter(tokens, responses, securityContexts), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(responses))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(responses)
                        .accessDeniedHandler(responses))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless, credentials on every request and read-only: there is no session to forge.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * Recordings' media for the browser ({@code /media/}, read-only): the session's sign-in, and nothing of the UI's
     * chain that a media GET does not need (a player asks many times a second, so each filter counts). Only GET and
     * HEAD, signed in; anything else is refused, so there is nothing for CSRF protection to guard. Without a session
     * the browser is sent to the login page, as by the UI's chain; no session is created and no request saved.
     * Whether the person may see the recording is checked by the media controller on every request.
     */
    @Bean
    @Order(2)
    SecurityFilterChain mediaFilterChain(HttpSecurity http, AuthenticationManager authenticationManager)
            throws Exception {
        return http.securityMatcher("/media/**")
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/media/**").authenticated()
                        .requestMatchers(HttpMethod.HEAD, "/media/**").authenticated()
                        .anyRequest().denyAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                // GET and HEAD only (above): no request here changes anything.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain uiFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
            SecurityContextHolderStrategy securityContexts) throws Exception {
        http.authenticationManager(authenticationManager);
        // Changes only from Earmark's own pages, whatever session or token comes with them.
        http.addFilterBefore(new SameOriginFilter(), CsrfFilter.class);
        // A script's request without a session: 401, not the login page (and before the CSRF check, which fails too).
        http.addFilterBefore(new SignedOutScriptRequests(securityContexts), CsrfFilter.class);
        http.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
        http.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }

    /**
     * No Micrometer observations of Spring Security's own filters, authentications and authorizations: they wrapped
     * each of a request's dozen filters in an observation (a timer looked up and started and stopped per filter), a
     * good share of a media Range request's time, for metrics nobody reads. Requests are still timed as a whole
     * ({@code http.server.requests}, or {@code earmark.media.range} for a media Range request); refusals and sign-ins
     * are audited.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** A modern adaptive hash (bcrypt by default), with the algorithm recorded so it can be upgraded. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Publishes URL and method authorization refusals, which {@link SecurityAuditor} records. */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    /** View access by annotation; {@link NavigationRefusals} records refused navigations. */
    @Bean
    static NavigationAccessControlConfigurer navigationAccessControlConfigurer() {
        return new NavigationAccessControlConfigurer()
                .withAnnotatedViewAccessChecker()
                .withLoginView(LoginView.class);
    }
}
