package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.people.PeopleAdmin;
import app.earmark.people.Relationship;
import app.earmark.recordings.Recordings.MediaKind;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.CurrentUser;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.support.TestClock;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The streaming path remembers a "yes" for a few seconds ({@link MediaAccessDecisions}): an assessor unassigned from
 * the learner loses the stream at once on this node, and a change this node hears nothing of (as one made on another
 * node) holds once the remembered answer has expired.
 */
@EarmarkSpringTest
class MediaAccessDecisionsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    PeopleAdmin admin;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    Recordings recordings;
    @Autowired
    RecordingOpenings openings;
    @Autowired
    CurrentUser currentUser;

    private long recordingId;
    private long assessor2;
    private long learner;

    @BeforeEach
    void assessor2AssessesTheLearner() {
        byte[] rendition = new byte[50_000];
        new Random(13).nextBytes(rendition);
        recordingId = fixtures.readyRecording(fixtures.discussionWithLearner().id(), rendition, "audio/mp4");
        assessor2 = trail.userId("assessor2");
        learner = trail.userId("learner");
        signedIn.as("admin", () -> admin.link(Relationship.ASSESSES, assessor2, learner));
    }

    @AfterEach
    void asTheDemoWas() {
        signedIn.as("admin", () -> admin.unlink(Relationship.ASSESSES, assessor2, learner));
    }

    private int rangeAsAssessor2() throws Exception {
        return mvc.perform(get("/media/recordings/" + recordingId + "/rendition")
                .with(user(accounts.loadUserByUsername("assessor2"))).header(HttpHeaders.RANGE, "bytes=0-99"))
                .andReturn().getResponse().getStatus();
    }

    @Test
    void anAssessorUnassignedFromTheLearnerLosesTheStreamAtOnce() throws Exception {
        assertThat(rangeAsAssessor2()).isEqualTo(206);
        assertThat(rangeAsAssessor2()).as("answered from the remembered decision").isEqualTo(206);

        signedIn.as("admin", () -> admin.unlink(Relationship.ASSESSES, assessor2, learner));

        assertThat(rangeAsAssessor2()).isEqualTo(403);
        mvc.perform(get("/media/recordings/" + recordingId + "/rendition")
                .with(user(accounts.loadUserByUsername("learner"))).header(HttpHeaders.RANGE, "bytes=0-99"))
                .andExpect(status().isPartialContent());
    }

    @Test
    void aChangeThisNodeIsNotToldOfHoldsOnceTheRememberedAnswerExpires() {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = nanos::get;
        // Not a bean: it hears no events, as a node does not hear of a change made on another node.
        var otherNode = new MediaAccessDecisions(recordings, openings, currentUser, Duration.ofSeconds(5), ticker);
        assertThat(signedIn.as("assessor2", () -> otherNode.media(recordingId, MediaKind.RENDITION, null)))
                .isPresent();

        signedIn.as("admin", () -> admin.unlink(Relationship.ASSESSES, assessor2, learner));

        nanos.addAndGet(Duration.ofMillis(4900).toNanos());
        assertThat(signedIn.as("assessor2", () -> otherNode.media(recordingId, MediaKind.RENDITION, null)))
                .as("still remembered within the 5 s").isPresent();
        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        assertThatThrownBy(() -> signedIn.as("assessor2", () -> otherNode.media(recordingId, MediaKind.RENDITION,
                null))).isInstanceOf(AccessRefusedException.class);
    }

    @Test
    void aRefusalIsNeverRemembered() {
        var otherNode = new MediaAccessDecisions(recordings, openings, currentUser, Duration.ofSeconds(5),
                Ticker.systemTicker());
        signedIn.as("admin", () -> admin.unlink(Relationship.ASSESSES, assessor2, learner));
        assertThatThrownBy(() -> signedIn.as("assessor2", () -> otherNode.media(recordingId, MediaKind.RENDITION,
                null))).isInstanceOf(AccessRefusedException.class);
        signedIn.as("admin", () -> admin.link(Relationship.ASSESSES, assessor2, learner));
        assertThat(signedIn.as("assessor2", () -> otherNode.media(recordingId, MediaKind.RENDITION, null)))
                .as("asked again at once, though this instance heard of no change").isPresent();
    }

    @Test
    void theTimeToLiveIsBounded() {
        assertThatThrownBy(() -> new MediaAccessDecisions(recordings, openings, currentUser, Duration.ofMinutes(2),
                Ticker.systemTicker())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("earmark.media.access-cache-ttl");
    }

    /** Access that ends by the application's clock (an EQA grant's last day) is not remembered past it. */
    @Test
    void rememberedAnswersAgeByTheApplicationsClock() {
        TestClock clock = new TestClock();
        Ticker ticker = MediaAccessDecisions.byApplicationClock(clock);
        long before = ticker.read();
        clock.advance(Duration.ofDays(3));
        assertThat(ticker.read() - before).isGreaterThanOrEqualTo(Duration.ofDays(3).toNanos());
    }
}
