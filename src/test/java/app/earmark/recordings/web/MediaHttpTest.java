package app.earmark.recordings.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Media over real HTTP (Tomcat on a random port): what a browser or a client library actually receives. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-http;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/test-media-http"})
@ActiveProfiles("test")
class MediaHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ObservationRegistry observations;
    @Autowired
    @Qualifier("mediaRequestMapping")
    RequestMappingHandlerMapping mediaMapping;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping applicationMapping;

    private final byte[] rendition = new byte[500_000];
    private long recordingId;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void readyRecording() {
        new Random(9).nextBytes(rendition);
        recordingId = fixtures.readyRecording(fixtures.discussionWithLearner().id(), rendition, "audio/mp4");
    }

    private HttpResponse<byte[]> rendition(String range) throws Exception {
        return rendition(recordingId, range);
    }

    private HttpResponse<byte[]> rendition(long recordingId, String range) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/recordings/" + recordingId
                        + "/rendition"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("learner:demo".getBytes()));
        if (range != null) {
            request.header("Range", range);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anUnsatisfiableOrInvalidRangeIsA416WithAShortMessageNeverTheFile() throws Exception {
        for (String range : new String[] {"bytes=5-1", "bytes=600000-", "bytes=500000-500010", "bytes=abc"}) {
            HttpResponse<byte[]> response = rendition(range);
            assertThat(response.statusCode()).as(range).isEqualTo(416);
            assertThat(response.headers().firstValue("Content-Range")).as(range).contains("bytes */" + rendition.length);
            assertThat(response.body().length).as(range).isLessThan(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(range)
                    .isEqualTo("The requested range is not within this file of 500000 bytes.");
        }
        HttpResponse<byte[]> partial = rendition("bytes=10-19");
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.body()).hasSize(10);
    }

    @Test
    void mediaIsNeverKeptByTheBrowser() throws Exception {
        for (String range : new String[] {null, "bytes=0-99"}) {
            HttpResponse<byte[]> response = rendition(range);
            assertThat(response.statusCode()).isIn(200, 206);
            assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        }
    }

    @Test
    void rangeRequestsAreTimedByStoreAndOutcomeARefusalAsRefused() throws Exception {
        long servedBefore = rangeCount("served");
        long refusedBefore = rangeCount("refused");
        long errorsBefore = rangeCount("error");

        assertThat(rendition("bytes=0-9").statusCode()).isEqualTo(206);
        assertThat(rendition(Long.MAX_VALUE, "bytes=0-9").statusCode()).as("no such recording: refused").isEqualTo(403);

        assertThat(rangeCount("served")).isEqualTo(servedBefore + 1);
        assertThat(rangeCount("refused")).isEqualTo(refusedBefore + 1);
        assertThat(rangeCount("error")).as("a refusal is not an error").isEqualTo(errorsBefore);
    }

    @Test
    void mediaPathsAreFoundAmongTheMediaControllersMappingsAloneBeforeTheApplicationsAreAsked() throws Exception {
        for (String path : new String[] {"/media/recordings/1/rendition", "/api/v1/recordings/1/poster",
                "/media/recordings/1/peaks/256"}) {
            HandlerExecutionChain found = mediaMapping.getHandler(parsed(path));
            assertThat(found).as(path).isNotNull();
            assertThat(((HandlerMethod) found.getHandler()).getBeanType()).as(path).isEqualTo(MediaController.class);
        }
        assertThat(mediaMapping.getHandler(parsed("/api/v1/discussions"))).as("not a media path").isNull();
        assertThat(mediaMapping.getOrder()).isLessThan(applicationMapping.getOrder());
    }

    @Test
    void aMediaRangeRequestIsTimedOnlyAsARangeRequestEveryOtherRequestAsHttpServerRequests() {
        assertThat(observed("/media/recordings/1/rendition", "bytes=0-9")).as("a player's Range request").isFalse();
        assertThat(observed("/media/recordings/1/poster", null)).as("a media request without a Range").isTrue();
        assertThat(observed("/api/v1/recordings/1/rendition", "bytes=0-9")).as("the API").isTrue();
        assertThat(observed("/workspace/recordings/1", "bytes=0-9")).as("not media").isTrue();
    }

    private boolean observed(String path, String range) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (range != null) {
            request.addHeader("Range", range);
        }
        return !Observation.createNotStarted("http.server.requests",
                () -> new ServerRequestObservationContext(request, new MockHttpServletResponse()), observations).isNoop();
    }

    private static MockHttpServletRequest parsed(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    private long rangeCount(String outcome) {
        Timer timer = meters.find(MediaController.RANGE_TIMER).tags("store", "local", "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
}
