package app.earmark.eqa;

import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.PersonRef;
import app.earmark.people.Relationship;
import app.earmark.security.Role;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.SignedIn;
import app.earmark.catalogue.Catalogue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Learners of their own (assessed by {@code assessor}, enrolled on 8587) with discussions, ready recordings, tags and
 * signed sheets, EQAs of their own, and grants, for the EQA tests. Names are unique per run, so tests sharing the
 * database never see each other's.
 */
@Component
public class EqaFixtures {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final PeopleAdmin admin;
    private final SignedIn signedIn;
    private final SheetFixtures sheets;
    private final RecordingFixtures recordings;
    private final Discussions discussions;
    private final Catalogue catalogue;
    private final EqaGrants grants;

    EqaFixtures(PeopleAdmin admin, SignedIn signedIn, SheetFixtures sheets, RecordingFixtures recordings,
            Discussions discussions, Catalogue catalogue, EqaGrants grants) {
        this.admin = admin;
        this.signedIn = signedIn;
        this.sheets = sheets;
        this.recordings = recordings;
        this.discussions = discussions;
        this.catalogue = catalogue;
        this.grants = grants;
    }

    private final java.util.List<Long> assigned = new java.util.concurrent.CopyOnWriteArrayList<>();

    static String unique(String prefix) {
        return prefix + "." + System.nanoTime() % 1_000_000_000L + "." + NEXT.incrementAndGet();
    }

    /** A new learner enrolled on 8587 and assessed by {@code assessor}. */
    public PersonRef learner() {
        String username = unique("eqa-learner");
        return signedIn.as("admin", () -> {
            PersonRef learner = admin.createPerson(username, "Lee " + username, "a long password 1", Set.of(Role.LEARNER));
            admin.enrol(learner.id(), "8587", "REG-" + learner.id(), LocalDate.of(2026, 1, 5));
            admin.link(Relationship.ASSESSES, PeopleFixturesSupport.id(admin, "assessor"), learner.id());
            assigned.add(learner.id());
            return learner;
        });
    }

    /**
     * Takes the learners made since the last call off the demo assessor again, so that tests elsewhere that count the
     * demo assessor's learners (on the same shared database) see only the demo's. Call after each test.
     */
    public void unassignLearners() {
        signedIn.as("admin", () -> {
            long assessor = PeopleFixturesSupport.id(admin, "assessor");
            assigned.forEach(learner -> admin.unlink(Relationship.ASSESSES, assessor, learner));
            assigned.clear();
            return null;
        });
    }

    /** A new EQA (password "a long password 1"). */
    public PersonRef eqa() {
        String username = unique("eqa-person");
        return signedIn.as("admin", () -> admin.createPerson(username, "Eve " + username, "a long password 1",
                Set.of(Role.EQA)));
    }

    /** What one learner's evidence is: a discussion of a unit with a ready recording and a tag, and a signed sheet. */
    public record Evidence(PersonRef learner, long discussionId, long recordingId, byte[] rendition, long sheetId,
            long unitId) {
    }

    /** A discussion of the unit held on the day, with a recording and a tag, and the unit's sheet signed. */
    public Evidence evidence(PersonRef learner, String unitCode, LocalDate heldOn) {
        long unitId = catalogue.unit(unitCode).orElseThrow().id();
        long discussion = signedIn.as("assessor", () -> discussions.create(List.of(learner.id()), Set.of(unitId),
                heldOn, DiscussionMode.FACE_TO_FACE)).id();
        byte[] rendition = ("playable recording of " + learner.username() + " " + unitCode)
                .getBytes(StandardCharsets.UTF_8);
        long recording = recordings.readyRecording(discussion, rendition, "audio/mp4");
        sheets.tag(discussion, recording, 35_000, null, "Explains the coaching model", "1.1");
        SheetView signed = sheets.signedPass(learner.username(), unitCode);
        return new Evidence(learner, discussion, recording, rendition, signed.id(), unitId);
    }

    public GrantView grantLearners(PersonRef eqa, PersonRef... learners) {
        return signedIn.as("admin", () -> grants.grant(new GrantRequest(eqa.id(), GrantKind.LEARNERS,
                java.util.Arrays.stream(learners).map(PersonRef::id).collect(java.util.stream.Collectors.toSet()),
                null, null, null, null, null, Instant.now().plus(Duration.ofDays(7)))));
    }

    public GrantView grantUnit(PersonRef eqa, String unitCode, LocalDate from, LocalDate to) {
        return signedIn.as("admin", () -> grants.grant(new GrantRequest(eqa.id(), GrantKind.UNIT, Set.of(), unitCode,
                null, from, to, null, Instant.now().plus(Duration.ofDays(7)))));
    }

    /** A grant of the learners that ends in {@code endsIn} (for grants that must end during a test). */
    public GrantView grantEndingIn(PersonRef eqa, Duration endsIn, PersonRef... learners) {
        return signedIn.as("admin", () -> grants.grant(new GrantRequest(eqa.id(), GrantKind.LEARNERS,
                java.util.Arrays.stream(learners).map(PersonRef::id).collect(java.util.stream.Collectors.toSet()),
                null, null, null, null, null, Instant.now().plus(endsIn))));
    }

    public GrantView revoke(GrantView grant) {
        return signedIn.as("admin", () -> grants.revoke(grant.id()));
    }
}
