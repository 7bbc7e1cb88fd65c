/**
 * Who may do what: the roles, the Spring Security set-up for the UI (Vaadin login, session, CSRF,
 * logout, refusal of changes sent by other sites' pages) and the JSON API (personal API tokens or HTTP
 * Basic), limits on failed sign-ins, the authenticated principal, the access-refused exception
 * services throw, and the translation of authentication and authorization outcomes into audit events.
 * Accounts themselves belong to the people module, which supplies the {@code UserDetailsService}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package app.earmark.security;
