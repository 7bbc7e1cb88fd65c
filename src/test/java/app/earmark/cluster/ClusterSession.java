package app.earmark.cluster;

import app.earmark.support.BrowserSession;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * A signed-in session over raw HTTP through the proxy, pinned to one node the way a browser's session is: it starts
 * with a session cookie ending in the node's route ({@code ….a}), which the proxy's {@code map} sends to that node;
 * the node gives a session of its own (ending in its route) at sign-in, and the session is checked to be that node's.
 * Sign-in as {@link app.earmark.support.BrowserSession} does it (the login form with its CSRF token, then the session's
 * token from a page, sent in the header named there).
 */
record ClusterSession(HttpClient client, CookieManager cookies, String baseUrl, String csrfHeader,
        String csrfToken) {

    /** Signs in through {@code baseUrl} (the proxy) on the node with this route; empty if the proxy chose another. */
    static Optional<ClusterSession> signIn(String baseUrl, String route, String username, String password)
            throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpCookie pin = new HttpCookie("JSESSIONID", "pinned." + route);
        pin.setPath("/");
        pin.setDomain(URI.create(baseUrl).getHost());
        pin.setVersion(0);
        cookies.getCookieStore().add(URI.create(baseUrl), pin);
        BrowserSession signedIn = BrowserSession.signIn(baseUrl, username, password, cookies);
        ClusterSession session = new ClusterSession(signedIn.client(), cookies, baseUrl, signedIn.csrfHeader(),
                signedIn.csrfToken());
        return session.route().equals(route) ? Optional.of(session) : Optional.empty();
    }

    /** The route at the end of this session's id: the node that holds it. */
    String route() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).filter(v -> !v.startsWith("pinned."))
                .map(v -> v.substring(v.lastIndexOf('.') + 1)).findFirst().orElse("");
    }

    /** A request on this session, with its CSRF header. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header(csrfHeader, csrfToken);
    }
}
