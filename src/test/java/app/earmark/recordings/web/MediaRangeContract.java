package app.earmark.recordings.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HTTP Range semantics of a rendition over real HTTP, whatever store holds it: the same answers from the folder store
 * ({@link MediaRangeLocalTest}) and from S3 proxied through Earmark ({@link MediaRangeS3IT}).
 */
abstract class MediaRangeContract {

    @LocalServerPort
    int port;
    @Autowired
    RecordingFixtures fixtures;

    protected final byte[] rendition = new byte[500_000];
    protected long recordingId;
    protected final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void readyRecording() {
        new Random(recordingId + 17).nextBytes(rendition);
        recordingId = fixtures.readyRecording(fixtures.discussionWithLearner().id(), rendition, "audio/mp4");
    }

    protected HttpResponse<byte[]> get(String user, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/recordings/" + recordingId
                        + "/rendition"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes()));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> range(String range, String... more) throws Exception {
        String[] headers = Arrays.copyOf(more, more.length + 2);
        headers[more.length] = "Range";
        headers[more.length + 1] = range;
        return get("learner", headers);
    }

    private void assertPart(HttpResponse<byte[]> response, long first, long last) {
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range"))
                .contains("bytes " + first + "-" + last + "/" + rendition.length);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(last - first + 1);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(rendition, (int) first, (int) last + 1));
    }

    @Test
    void theWholeFileWithoutARange() throws Exception {
        var response = get("learner");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(rendition.length);
        assertThat(response.headers().firstValue("Content-Type")).contains("audio/mp4");
        assertThat(response.body()).isEqualTo(rendition);
    }

    @Test
    void aRangeFromItsStartToItsEnd() throws Exception {
        assertPart(range("bytes=10-19"), 10, 19);
        assertPart(range("bytes=0-0"), 0, 0);
        assertPart(range("bytes=250000-449999"), 250_000, 449_999);
        assertPart(range("bytes=499999-600000"), 499_999, 499_999); // an end past the file ends at the file's
    }

    @Test
    void anOpenRangeAndASuffixRange() throws Exception {
        assertPart(range("bytes=499000-"), 499_000, 499_999);
        assertPart(range("bytes=-500"), 499_500, 499_999);
        assertPart(range("bytes=-600000"), 0, 499_999); // a suffix longer than the file is the whole file
    }

    @Test
    void severalRangesAsMultipartByteranges() throws Exception {
        var response = range("bytes=0-9,1000-1009");
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("multipart/byteranges"));
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("Content-Range: bytes 0-9/500000", "Content-Range: bytes 1000-1009/500000")
                .contains(new String(Arrays.copyOfRange(rendition, 0, 10), StandardCharsets.ISO_8859_1))
                .contains(new String(Arrays.copyOfRange(rendition, 1000, 1010), StandardCharsets.ISO_8859_1));
    }

    @Test
    void ifRangeGivesThePartOnlyWhileTheFileIsTheSame() throws Exception {
        String etag = get("learner").headers().firstValue("ETag").orElseThrow();
        assertPart(range("bytes=100-199", "If-Range", etag), 100, 199);
        String lastModified = get("learner").headers().firstValue("Last-Modified").orElseThrow();
        assertPart(range("bytes=100-199", "If-Range", lastModified), 100, 199);
        for (String other : new String[] {"\"another-version\"", "W/" + etag, "Tue, 01 Jan 2019 00:00:00 GMT"}) {
            var changed = range("bytes=100-199", "If-Range", other);
            assertThat(changed.statusCode()).as(other).isEqualTo(200);
            assertThat(changed.headers().firstValueAsLong("Content-Length")).as(other).hasValue(rendition.length);
            assertThat(changed.body()).as(other).isEqualTo(rendition);
        }
    }

    @Test
    void anUnsatisfiableRangeIsA416() throws Exception {
        for (String range : new String[] {"bytes=5-1", "bytes=600000-", "bytes=500000-500010"}) {
            var response = range(range);
            assertThat(response.statusCode()).as(range).isEqualTo(416);
            assertThat(response.headers().firstValue("Content-Range")).as(range).contains("bytes */500000");
        }
    }

    /** RFC 9110, 13.2.2: If-None-Match is evaluated before Range, so a client whose copy is current gets 304. */
    @Test
    void aCurrentCopyIsNotModifiedWhateverItsRange() throws Exception {
        String etag = get("learner").headers().firstValue("ETag").orElseThrow();
        for (String range : new String[] {"bytes=100-199", "bytes=600000-"}) {
            var response = range(range, "If-None-Match", etag);
            assertThat(response.statusCode()).as(range).isEqualTo(304);
            assertThat(response.body()).as(range).isEmpty();
        }
    }

    @Test
    void someoneWhoMayNotSeeTheDiscussionGetsNothing() throws Exception {
        var response = get("learner2", "Range", "bytes=0-9");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("Content-Range")).isEmpty();
    }
}
