package app.earmark.retention;

import app.earmark.catalogue.Catalogue;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.PersonRef;
import app.earmark.people.Relationship;
import app.earmark.security.Role;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Learners of their own (enrolled on 8587 five years ago, assessed by {@code assessor} or {@code assessor2}) with a
 * discussion of 8587-300 and a ready recording, for the retention tests. Names are unique per run.
 */
@Component
public class RetentionFixtures {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final PeopleAdmin admin;
    private final SignedIn signedIn;
    private final Discussions discussions;
    private final RecordingFixtures recordings;
    private final Catalogue catalogue;
    private final AuditTrail trail;
    private final List<long[]> links = new CopyOnWriteArrayList<>();

    RetentionFixtures(PeopleAdmin admin, SignedIn signedIn, Discussions discussions, RecordingFixtures recordings,
            Catalogue catalogue, AuditTrail trail) {
        this.admin = admin;
        this.signedIn = signedIn;
        this.discussions = discussions;
        this.recordings = recordings;
        this.catalogue = catalogue;
        this.trail = trail;
    }

    /** A learner's discussion and its ready recording, whose playable copy is {@code rendition}. */
    public record Evidence(PersonRef learner, long discussionId, long recordingId, byte[] rendition) {
    }

    /** A new learner enrolled on 8587, assessed by the assessor, with one discussion and a ready recording. */
    public Evidence evidence(String assessor) {
        return evidence(assessor, null);
    }

    /** As {@link #evidence(String)}, with the given bytes as the playable copy (the same bytes make the same files). */
    public Evidence evidence(String assessor, byte[] playable) {
        String username = "ret-learner." + System.nanoTime() % 1_000_000_000L + "." + NEXT.incrementAndGet();
        long assessorId = trail.userId(assessor);
        PersonRef learner = signedIn.as("admin", () -> {
            PersonRef made = admin.createPerson(username, "Rory " + username, "a long password 1",
                    Set.of(Role.LEARNER));
            admin.enrol(made.id(), "8587", "REG-" + made.id(), LocalDate.now().minusYears(5));
            admin.link(Relationship.ASSESSES, assessorId, made.id());
            return made;
        });
        links.add(new long[] {assessorId, learner.id()});
        long unit = catalogue.unit("8587-300").orElseThrow().id();
        long discussion = signedIn.as(assessor, () -> discussions.create(List.of(learner.id()), Set.of(unit),
                LocalDate.now().minusYears(4), DiscussionMode.FACE_TO_FACE)).id();
        byte[] rendition = playable != null ? playable
                : ("playable recording of " + username).getBytes(StandardCharsets.UTF_8);
        long recording = recordings.readyRecording(discussion, rendition, "audio/mp4");
        return new Evidence(learner, discussion, recording, rendition);
    }

    /** Takes the learners made here off their assessors again, so other tests counting the demo's see only those. */
    public void unassignLearners() {
        signedIn.as("admin", () -> {
            links.forEach(link -> admin.unlink(Relationship.ASSESSES, link[0], link[1]));
            links.clear();
        });
    }
}
