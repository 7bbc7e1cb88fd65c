package app.earmark.cluster;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in session over raw HTTP through the proxy, pinned to one node the way a browser's session is: it starts
 * with a session cookie ending in the node's route ({@code ….a}), which the proxy's {@code map} sends to that node;
 * the node gives a session of its own (ending in its route) at sign-in, and the session is checked to be that node's.
 * Sign-in as {@link app.earmark.support.BrowserSession} does it (the login form with its CSRF token, then the session's
 * token from a page, sent in the header named there).
 */
record ClusterSession(HttpClient client, CookieManager cookies, String baseUrl, String csrfHeader,
        String csrfToken) {

    private static final Pattern TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern PARAMETER = Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"");
    private static final Pattern HEADER = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");

    /** Signs in through {@code baseUrl} (the proxy) on the node with this route; empty if the proxy chose another. */
    static Optional<ClusterSession> signIn(String baseUrl, String route, String username, String password)
            throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpCookie pin = new HttpCookie("JSESSIONID", "pinned." + route);
        pin.setPath("/");
        pin.setDomain(URI.create(baseUrl).getHost());
        pin.setVersion(0);
        cookies.getCookieStore().add(URI.create(baseUrl), pin);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = page(client, baseUrl + "/login");
        StringBuilder form = new StringBuilder("username=" + encode(username) + "&password=" + encode(password));
        Matcher token = TOKEN.matcher(login);
        if (token.find()) {
            Matcher parameter = PARAMETER.matcher(login);
            form.append('&').append(parameter.find() ? parameter.group(1) : "_csrf").append('=')
                    .append(encode(token.group(1)));
        }
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("Signing in as " + username + " failed: " + signedIn.statusCode() + " "
                    + location);
        }
        String home = page(client, baseUrl + "/");
        Matcher sessionToken = TOKEN.matcher(home);
        Matcher header = HEADER.matcher(home);
        if (!sessionToken.find() || !header.find()) {
            throw new IllegalStateException("The signed-in page carries no CSRF token");
        }
        ClusterSession session = new ClusterSession(client, cookies, baseUrl, header.group(1), sessionToken.group(1));
        return session.route().equals(route) ? Optional.of(session) : Optional.empty();
    }

    /** The route at the end of this session's id: the node that holds it. */
    String route() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).filter(v -> !v.startsWith("pinned.")).map(v -> v.substring(v.lastIndexOf('.') + 1)).findFirst().orElse("");
    }

    /** A request on this session, with its CSRF header. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header(csrfHeader, csrfToken);
    }

    private static String page(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + page.statusCode() + ": " + page.body());
        }
        return page.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
