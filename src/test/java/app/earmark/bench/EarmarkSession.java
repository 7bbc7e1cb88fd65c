package app.earmark.bench;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser session on Earmark, made the way a browser makes one: the login page is fetched (it carries the
 * CSRF token in {@code _csrf} meta tags, which Vaadin's login form posts back) and the form is posted to Spring
 * Security's {@code /login}. The result is the session cookie, for requests on the browser's paths under
 * {@code /media/}.
 */
record EarmarkSession(String cookie) {

    private static final Pattern TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern PARAMETER = Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"");

    static EarmarkSession signIn(String baseUrl, String username, String password)
            throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("GET /login answered " + page.statusCode());
        }
        StringBuilder form = new StringBuilder("username=" + encode(username) + "&password=" + encode(password));
        Matcher token = TOKEN.matcher(page.body());
        if (token.find()) {
            Matcher parameter = PARAMETER.matcher(page.body());
            form.append('&').append(parameter.find() ? parameter.group(1) : "_csrf").append('=')
                    .append(encode(token.group(1)));
        }
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("Signing in as " + username + " failed: " + login.statusCode() + " "
                    + location);
        }
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .findFirst().map(HttpCookie::getValue).map(value -> new EarmarkSession("JSESSIONID=" + value))
                .orElseThrow(() -> new IllegalStateException("Signing in gave no session cookie"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
