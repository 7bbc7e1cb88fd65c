package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.support.BrowserSession;
import app.earmark.support.SignedIn;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The tus endpoint over real HTTP (Tomcat on a random port), as a browser's tus client meets it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-http;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/test-media-http"})
@ActiveProfiles("test")
class UploadHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    Recordings recordings;
    @Autowired
    SignedIn signedIn;

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aThreeThousandCharacterNameIsKeptShortenedWithAWarningNotRefusedByTomcat() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        BrowserSession session = BrowserSession.signIn("http://localhost:" + port, "assessor", "demo");
        // 3,000 characters, 9,000 bytes of UTF-8: 12,000 in the base64 of Upload-Metadata.
        String name = "讨论录音".repeat(749) + ".m4a";
        byte[] file = "not really media".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> created = session.client().send(session.request("/uploads")
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", String.valueOf(file.length))
                .header("Upload-Metadata", "filename " + b64(name) + ",discussion " + b64(String.valueOf(discussion)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        HttpResponse<String> sent = session.client().send(session.request(path).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);

        RecordingSummary recording = signedIn.as("assessor", () -> recordings.forDiscussion(discussion)).get(0);
        assertThat(recording.originalName()).hasSize(200).startsWith("讨论录音讨论录音").endsWith("….m4a");
        assertThat(recording.nameWarning()).startsWith("The file name was 3000 characters long; Earmark keeps names of"
                + " up to 200");
    }
}
