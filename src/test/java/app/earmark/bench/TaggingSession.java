package app.earmark.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An assessor tagging over HTTP as the workspace's tagging component does: signed in like a browser
 * ({@link EarmarkSession}), the session's CSRF token and its header name read from a signed-in page's {@code _csrf}
 * meta tags, and each tag posted to the workspace's tag endpoint as JSON with that header, the session cookie and the
 * page's {@code Origin}. Its own HTTP client, so its own kept-alive connection.
 */
final class TaggingSession {

    private static final Pattern TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern HEADER = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");

    /** One tag request: its time to the answer's headers and to its end, its status, or the exception. */
    record Answer(long sentNanos, double firstByteMillis, double totalMillis, int status, String error) {

        boolean ok() {
            return error == null && status == 200;
        }
    }

    private final String base;
    private final String cookie;
    private final String csrfHeader;
    private final String csrfToken;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private TaggingSession(String base, String cookie, String csrfHeader, String csrfToken) {
        this.base = base;
        this.cookie = cookie;
        this.csrfHeader = csrfHeader;
        this.csrfToken = csrfToken;
    }

    static TaggingSession signIn(String base, String username, String password)
            throws IOException, InterruptedException {
        EarmarkSession session = EarmarkSession.signIn(base, username, password);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Cookie", session.cookie()).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(page.body());
        Matcher header = HEADER.matcher(page.body());
        if (page.statusCode() != 200 || !token.find() || !header.find()) {
            throw new IllegalStateException("The signed-in page (" + page.statusCode() + ") carries no CSRF token");
        }
        return new TaggingSession(base, session.cookie(), header.group(1), token.group(1));
    }

    /** Posts a tag on the recording at {@code startMs} for one criterion; the answer is not thrown on failure. */
    Answer tag(long recordingId, long startMs, long criterionId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/workspace/recordings/" + recordingId
                + "/tags"))
                .header("Cookie", cookie)
                .header(csrfHeader, csrfToken)
                .header("Origin", base)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"startMs\":" + startMs + ",\"endMs\":null,"
                        + "\"criterionIds\":[" + criterionId + "],\"note\":null}"))
                .build();
        long started = System.nanoTime();
        long[] headersAt = new long[1];
        try {
            HttpResponse<String> response = client.send(request, info -> {
                headersAt[0] = System.nanoTime();
                return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
            });
            long ended = System.nanoTime();
            String error = response.statusCode() == 200 && response.body().contains("\"ok\":true") ? null
                    : "status " + response.statusCode() + ": " + abbreviate(response.body());
            return new Answer(started, (headersAt[0] - started) / 1e6, (ended - started) / 1e6,
                    response.statusCode(), error);
        } catch (IOException e) {
            return new Answer(started, 0, 0, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(started, 0, 0, 0, "interrupted");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
