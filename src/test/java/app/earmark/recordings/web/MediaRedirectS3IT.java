package app.earmark.recordings.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.media.S3Properties;
import app.earmark.recordings.media.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code earmark.s3.streaming=redirect}: after the access check, a 307 to a presigned URL on the store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-redirect-s3;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("test")
class MediaRedirectS3IT {

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        S3ProxyServer.shared().register(registry, Paths.get("target/test-media-cache-redirect").toAbsolutePath(),
                S3Properties.Streaming.REDIRECT);
    }

    @LocalServerPort
    int port;
    @Autowired
    RecordingFixtures fixtures;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<byte[]> get(String url, String user, String range) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes()));
        }
        if (range != null) {
            request.header("Range", range);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theRenditionIsARedirectToAPresignedUrlThatAnswersRangesAndOnlyAfterTheAccessCheck() throws Exception {
        byte[] rendition = new byte[200_000];
        new Random(5).nextBytes(rendition);
        long id = fixtures.readyRecording(fixtures.discussionWithLearner().id(), rendition, "audio/mp4");
        String url = "http://localhost:" + port + "/api/v1/recordings/" + id + "/rendition";

        var refused = get(url, "learner2", "bytes=0-9");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Location")).isEmpty();

        var redirect = get(url, "learner", "bytes=1000-1999");
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().allValues("Cache-Control")).containsExactly("no-store");
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(S3ProxyServer.shared().endpoint() + "/" + S3ProxyServer.BUCKET + "/derived/")
                .contains("X-Amz-Signature=", "X-Amz-Expires=300", "response-content-type=audio%2Fmp4")
                .doesNotContain(S3ProxyServer.CREDENTIAL);

        // The browser follows it, with its Range, straight to the store, without Earmark's credentials.
        var part = get(location, null, "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000-1999/200000");
        assertThat(part.headers().firstValue("Content-Type")).contains("audio/mp4");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(rendition, 1000, 2000));
        var suffix = get(location, null, "bytes=-100");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(rendition, 199_900, 200_000));

        // Tampered with, the URL is refused by the store.
        assertThat(get(location.replace("X-Amz-Expires=300", "X-Amz-Expires=9999"), null, null).statusCode())
                .isEqualTo(403);
    }
}
