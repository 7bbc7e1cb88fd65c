package app.earmark.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser session over raw HTTP, made as a browser makes one: the login form is posted with the CSRF token
 * of the login page, then a page is read for the session's CSRF token (the {@code _csrf} meta tags), which requests
 * that change something (a tus upload) send in the header named there.
 */
public record BrowserSession(HttpClient client, String baseUrl, String csrfHeader, String csrfToken) {

    private static final Pattern TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern PARAMETER = Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"");
    private static final Pattern HEADER = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");

    public static BrowserSession signIn(String baseUrl, String username, String password)
            throws IOException, InterruptedException {
        return signIn(baseUrl, username, password, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    /** Signs in with cookies the caller holds (and may have set before, e.g. to pin a session to a node). */
    public static BrowserSession signIn(String baseUrl, String username, String password, CookieManager cookies)
            throws IOException, InterruptedException {
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
        return new BrowserSession(client, baseUrl, header.group(1), sessionToken.group(1));
    }

    /** A request on this session, with its CSRF header. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header(csrfHeader, csrfToken);
    }

    private static String page(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + page.statusCode());
        }
        return page.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
