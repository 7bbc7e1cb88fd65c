package app.earmark.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.Hashing;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.media.LocalMediaStore;
import app.earmark.recordings.media.MediaStore;
import app.earmark.eqa.EqaFixtures;
import app.earmark.people.PersonRef;
import app.earmark.retention.Retention.DeletionReport;
import app.earmark.retention.Retention.DueRecording;
import app.earmark.retention.RetentionFixtures.Evidence;
import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/**
 * Retention on the real media store (a {@link LocalMediaStore} folder): what is due, holds that block deletion (even
 * one placed after the preview), the deletion with its audit entry, an interrupted deletion finished, and who may do
 * what.
 */
@EarmarkSpringTest
class RetentionTest {

    private static final String RENDITION = "rendition.m4a";

    @Autowired
    Retention retention;
    @Autowired
    RetentionFixtures fixtures;
    @Autowired
    EqaFixtures eqaFixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    MediaStore store;
    @Autowired
    Recordings recordings;
    @Autowired
    Discussions discussions;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void aShortPeriodFor8587() {
        // 8587's recordings are due one month after certification; other tests' learners have none recorded.
        signedIn.as("admin", () -> retention.setQualificationMonths("8587", 1));
    }

    @AfterEach
    void backToTheDefault() {
        signedIn.as("admin", () -> retention.setQualificationMonths("8587", null));
        fixtures.unassignLearners();
        eqaFixtures.unassignLearners();
    }

    private void certify(Evidence evidence) {
        signedIn.as("admin", () -> retention.recordClosure(evidence.learner().id(), "8587", ClosureOutcome.CERTIFIED,
                LocalDate.now().minusMonths(2)));
    }

    private String originalSha(Evidence evidence) {
        return signedIn.as("admin", () -> recordings.get(evidence.recordingId())).sha256();
    }

    @Test
    void aHeldRecordingSurvivesItsRuleAndAnUnheldOneIsDeletedWithItsAuditEntry() throws Exception {
        Evidence unheld = fixtures.evidence("assessor");
        Evidence held = fixtures.evidence("assessor");
        certify(unheld);
        certify(held);
        String original = originalSha(unheld);
        String rendition = store.derivedSha256(original, RENDITION);
        assertThat(rendition).isEqualTo(Hashing.sha256Hex(unheld.rendition()));
        // A chaptered copy of the rendition, as the AC-map export makes one, stored under the rendition's hash.
        var work = store.newWorkDir();
        var copy = Files.writeString(work.resolve("chaptered.m4a"), "rendition with chapters " + original);
        store.putCopy(rendition, "chapters-retention-test", copy);
        assertThat(store.copy(rendition, "chapters-retention-test")).isPresent();
        signedIn.as("iqa", () -> retention.placeHold(held.learner().id(), null, "Appeal against the unit decision"));

        var preview = signedIn.as("admin", () -> retention.preview());
        DueRecording dueUnheld = preview.due().stream().filter(d -> d.recordingId() == unheld.recordingId())
                .findFirst().orElseThrow();
        assertThat(dueUnheld.held()).isFalse();
        assertThat(dueUnheld.rule()).startsWith("8587: 1 month after certification on "
                + LocalDate.now().minusMonths(2));
        assertThat(dueUnheld.dueOn()).isEqualTo(LocalDate.now().minusMonths(2).plusMonths(1));
        assertThat(dueUnheld.bytes()).isGreaterThan(unheld.rendition().length);
        assertThat(preview.due()).filteredOn(d -> d.recordingId() == held.recordingId()).singleElement()
                .satisfies(d -> assertThat(d.holds()).singleElement().asString()
                        .contains("Appeal against the unit decision"));
        assertThat(preview.deletable()).noneMatch(d -> d.recordingId() == held.recordingId());

        long before = trail.lastSeq();
        DeletionReport report = signedIn.as("admin", () -> retention.delete(List.of(unheld.recordingId(),
                held.recordingId())));

        assertThat(report.deleted()).containsExactly(unheld.recordingId());
        assertThat(report.skipped()).containsOnlyKeys(held.recordingId());
        // The unheld recording's media is gone from the store: original, rendition and the chaptered copy.
        assertThat(store.hasOriginal(original)).isFalse();
        assertThat(store.derived(original, RENDITION)).isEmpty();
        assertThat(store.copy(rendition, "chapters-retention-test")).isEmpty();
        try (var left = Files.walk(((LocalMediaStore) store).incomingDir().getParent())) {
            assertThat(left.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(original) || name.startsWith(rendition));
        }
        // The row stays, marked deleted with when and why; the discussion is still there.
        RecordingSummary after = signedIn.as("admin", () -> recordings.get(unheld.recordingId()));
        assertThat(after.state()).isEqualTo(RecordingState.DELETED);
        assertThat(after.message()).contains("under the retention rule: 8587: 1 month after certification");
        assertThat(after.renditionUrl()).isNull();
        assertThat(signedIn.as("admin", () -> discussions.get(unheld.discussionId())).id())
                .isEqualTo(unheld.discussionId());
        // The held one survives, untouched.
        String heldOriginal = originalSha(held);
        assertThat(store.hasOriginal(heldOriginal)).isTrue();
        assertThat(store.derived(heldOriginal, RENDITION)).isPresent();
        assertThat(signedIn.as("admin", () -> recordings.get(held.recordingId())).state())
                .isEqualTo(RecordingState.READY);

        List<Map<String, Object>> entries = trail.since(before);
        assertThat(entries).filteredOn(e -> "recording-media-deleted".equals(e.get("action"))).singleElement()
                .satisfies(e -> {
                    assertThat(e.get("actor")).isEqualTo("admin");
                    assertThat(e.get("subject")).isEqualTo("recording:" + unheld.recordingId());
                    assertThat((String) e.get("details")).contains(original, rendition,
                            "8587: 1 month after certification", unheld.learner().username());
                });
        assertThat(entries).filteredOn(e -> "retention-deletion-skipped".equals(e.get("action"))).singleElement()
                .satisfies(e -> {
                    assertThat(e.get("subject")).isEqualTo("recording:" + held.recordingId());
                    assertThat((String) e.get("details")).contains("Appeal against the unit decision");
                });

        // Asking again deletes nothing more and fails on nothing.
        DeletionReport again = signedIn.as("admin", () -> retention.delete(List.of(unheld.recordingId())));
        assertThat(again.deleted()).isEmpty();
        assertThat(again.skipped()).containsOnlyKeys(unheld.recordingId());
    }

    @Test
    void aHoldPlacedAfterThePreviewBlocksTheDeletion() {
        Evidence evidence = fixtures.evidence("assessor");
        certify(evidence);
        var preview = signedIn.as("admin", () -> retention.preview());
        List<Long> confirmed = preview.deletable().stream().map(DueRecording::recordingId)
                .filter(id -> id == evidence.recordingId()).toList();
        assertThat(confirmed).containsExactly(evidence.recordingId());

        signedIn.as("iqa", () -> retention.placeHold(evidence.learner().id(), evidence.discussionId(),
                "Sampled for the EQA visit"));
        long before = trail.lastSeq();
        DeletionReport report = signedIn.as("admin", () -> retention.delete(confirmed));

        assertThat(report.deleted()).isEmpty();
        assertThat(report.skipped().get(evidence.recordingId())).contains("held", "Sampled for the EQA visit");
        String original = originalSha(evidence);
        assertThat(store.hasOriginal(original)).isTrue();
        assertThat(store.derived(original, RENDITION)).isPresent();
        assertThat(trail.since(before)).extracting(e -> e.get("action")).contains("retention-deletion-skipped")
                .doesNotContain("recording-media-deleted");

        // Lifted (audited), the hold no longer blocks.
        long hold = signedIn.as("iqa", () -> retention.holdsOf(evidence.learner().id())).get(0).hold().id();
        signedIn.as("iqa", () -> retention.liftHold(hold, "EQA visit over"));
        assertThat(trail.since(before)).filteredOn(e -> "retention-hold-lifted".equals(e.get("action")))
                .singleElement().satisfies(e -> assertThat((String) e.get("details")).contains("EQA visit over"));
        assertThat(signedIn.as("admin", () -> retention.delete(confirmed)).deleted())
                .containsExactly(evidence.recordingId());
        assertThat(store.hasOriginal(original)).isFalse();
    }

    @Test
    void aDeletionInterruptedAfterItsClaimIsFinishedByRunningItAgain() throws Exception {
        Evidence evidence = fixtures.evidence("assessor");
        certify(evidence);
        String original = originalSha(evidence);
        String rendition = store.derivedSha256(original, RENDITION);
        long centre = jdbc.queryForObject("select centre_id from app_user where username = 'admin'", Long.class);
        // As a deletion killed (kill -9) after claiming the recording and deleting the rendition's hash leaves it.
        jdbc.update("insert into retention_deletion (recording_id, centre_id, discussion_id, learner_id, rule_text,"
                + " due_on, original_sha256, rendition_sha256, bytes, claimed_by, claimed_at) values"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", evidence.recordingId(), centre, evidence.discussionId(),
                evidence.learner().id(), "8587: 1 month after certification on " + LocalDate.now().minusMonths(2),
                LocalDate.now().minusMonths(1), original, rendition, 100L, "admin",
                java.sql.Timestamp.from(Instant.now()));
        store.delete(rendition);
        assertThat(store.hasOriginal(original)).isTrue();
        var preview = signedIn.as("admin", () -> retention.preview());
        assertThat(preview.interrupted()).contains(evidence.recordingId());
        assertThat(preview.deletable()).noneMatch(d -> d.recordingId() == evidence.recordingId());

        long before = trail.lastSeq();
        DeletionReport report = signedIn.as("admin", () -> retention.delete(List.of()));

        assertThat(report.deleted()).containsExactly(evidence.recordingId());
        assertThat(store.hasOriginal(original)).isFalse();
        assertThat(store.derived(original, RENDITION)).isEmpty();
        assertThat(signedIn.as("admin", () -> recordings.get(evidence.recordingId())).state())
                .isEqualTo(RecordingState.DELETED);
        assertThat(trail.since(before)).filteredOn(e -> "recording-media-deleted".equals(e.get("action")))
                .singleElement().satisfies(e -> assertThat((String) e.get("details")).contains(original));
    }

    @Test
    void filesAnotherRecordingStillUsesAreKeptWhenOneOfThemIsDeleted() {
        byte[] same = ("the same file uploaded twice " + System.nanoTime()).getBytes();
        Evidence due = fixtures.evidence("assessor", same);
        Evidence notDue = fixtures.evidence("assessor", same);
        certify(due);
        String original = originalSha(due);
        assertThat(originalSha(notDue)).isEqualTo(original);
        long before = trail.lastSeq();

        assertThat(signedIn.as("admin", () -> retention.delete(List.of(due.recordingId()))).deleted())
                .containsExactly(due.recordingId());

        assertThat(signedIn.as("admin", () -> recordings.get(due.recordingId())).state())
                .isEqualTo(RecordingState.DELETED);
        assertThat(store.hasOriginal(original)).isTrue();
        assertThat(store.derived(original, RENDITION)).isPresent();
        assertThat(trail.since(before)).filteredOn(e -> "recording-media-deleted".equals(e.get("action")))
                .singleElement().satisfies(e -> assertThat((String) e.get("details"))
                        .contains("Kept in the store because another recording uses the same file: "));
    }

    @Test
    void onlyTheAdministratorManagesPeriodsAndDeletionsAndHoldsFollowWhoMaySeeTheLearner() {
        Evidence ofAssessor = fixtures.evidence("assessor");
        Evidence ofAssessor2 = fixtures.evidence("assessor2");
        long learner = ofAssessor.learner().id();

        for (String who : List.of("assessor", "learner")) {
            assertThatThrownBy(() -> signedIn.as(who, () -> retention.placeHold(learner, null, "mine")))
                    .as(who).isInstanceOf(AccessDeniedException.class);
        }
        for (String who : List.of("iqa", "eqa", "assessor")) {
            assertThatThrownBy(() -> signedIn.as(who, () -> retention.preview())).as(who)
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> signedIn.as(who, () -> retention.delete(List.of(ofAssessor.recordingId()))))
                    .as(who).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> signedIn.as(who, () -> retention.setDefaultMonths(12))).as(who)
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> signedIn.as(who, () -> retention.recordClosure(learner, "8587",
                    ClosureOutcome.WITHDRAWN, LocalDate.now()))).as(who).isInstanceOf(AccessDeniedException.class);
        }
        // The IQA quality-assures "assessor", not "assessor2".
        assertThatThrownBy(() -> signedIn.as("iqa", () -> retention.placeHold(ofAssessor2.learner().id(), null,
                "not mine"))).isInstanceOf(AccessRefusedException.class);
        assertThat(signedIn.as("iqa", () -> retention.placeHold(learner, null, "mine")).learnerId()).isEqualTo(learner);
        // An EQA holds only within a grant in force.
        PersonRef eqa = eqaFixtures.eqa();
        assertThatThrownBy(() -> signedIn.as(eqa.username(), () -> retention.placeHold(learner, null, "no grant")))
                .isInstanceOf(AccessRefusedException.class);
        eqaFixtures.grantLearners(eqa, ofAssessor.learner());
        assertThat(signedIn.as(eqa.username(), () -> retention.placeHold(learner, ofAssessor.discussionId(),
                "Requested for the EQA sample")).discussionId()).isEqualTo(ofAssessor.discussionId());
        assertThat(signedIn.as(eqa.username(), () -> retention.holds())).allMatch(h -> h.hold().learnerId() == learner);
        assertThat(signedIn.as("iqa", () -> retention.holds())).noneMatch(h -> h.hold().learnerId()
                == ofAssessor2.learner().id());
    }

    @Test
    void badInputIsRefusedWithAReasonAndNothingSaved() {
        Evidence evidence = fixtures.evidence("assessor");
        long learner = evidence.learner().id();
        signedIn.as("admin", () -> {
            assertThatThrownBy(() -> retention.setDefaultMonths(0)).isInstanceOf(RetentionException.class)
                    .hasMessageContaining("from 1 to 1200");
            assertThatThrownBy(() -> retention.setQualificationMonths("9999", 12))
                    .hasMessageContaining("There is no qualification 9999");
            assertThatThrownBy(() -> retention.recordClosure(learner, "8587", ClosureOutcome.CERTIFIED,
                    LocalDate.now().plusDays(1))).hasMessageContaining("cannot be in the future");
            assertThatThrownBy(() -> retention.recordClosure(learner, "8580", ClosureOutcome.WITHDRAWN,
                    LocalDate.now())).hasMessageContaining("is not enrolled on 8580");
            assertThatThrownBy(() -> retention.recordClosure(learner, "8587", null, LocalDate.now()))
                    .hasMessageContaining("certificated or withdrew");
            assertThatThrownBy(() -> retention.placeHold(learner, null, "  ")).isInstanceOf(RetentionException.class)
                    .hasMessage("Give a reason for placing a hold.");
            assertThat(retention.policy().defaultMonths()).isEqualTo(Retention.DEFAULT_MONTHS);
            assertThat(retention.learnerQualifications()).filteredOn(q -> q.learnerId() == learner).singleElement()
                    .satisfies(q -> assertThat(q.closed()).isFalse());
            assertThat(retention.holdsOf(learner)).isEmpty();
        });
    }
}
