package app.earmark.discussions;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.Recordings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.recordings.media.MediaStore;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.SheetFixtures;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Corrections before evidence is signed: a discussion's date, mode and units, a recording removed, a discussion
 * deleted; each with a reason in the audit trail, and refused once the evidence is on a signed sheet.
 */
@EarmarkSpringTest
class DiscussionCorrectionsTest {

    @Autowired
    Discussions discussions;
    @Autowired
    Recordings recordings;
    @Autowired
    Catalogue catalogue;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    RecordingFixtures recordingFixtures;
    @Autowired
    SheetFixtures sheets;
    @Autowired
    MediaStore store;

    private long unit(String code) {
        return catalogue.unit(code).map(Unit::id).orElseThrow();
    }

    private long discussion(String... units) {
        return sheets.discussion("learner", units);
    }

    @Test
    void theAssessorCorrectsDateModeAndUnitsWithAReasonKeptInTheAuditTrail() {
        long id = discussion("8587-300");
        long before = trail.lastSeq();
        var corrected = signedIn.as("assessor", () -> discussions.correct(id, LocalDate.of(2027, 4, 3),
                DiscussionMode.FACE_TO_FACE, Set.of(unit("8587-300"), unit("8587-301")), "  Typed the wrong date  "));

        assertThat(corrected.heldOn()).isEqualTo(LocalDate.of(2027, 4, 3));
        assertThat(corrected.mode()).isEqualTo(DiscussionMode.FACE_TO_FACE);
        assertThat(corrected.unitCodes()).isEqualTo("8587-300, 8587-301");
        assertThat(signedIn.as("learner", () -> discussions.get(id)).heldOn()).isEqualTo(LocalDate.of(2027, 4, 3));
        List<Map<String, Object>> entries = trail.byPeopleSince(before);
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("discussion-corrected");
        assertThat((String) entries.get(0).get("details")).contains("date 2026-03-14 → 2027-04-03",
                "mode Remote → Face-to-face", "units 8587-300 → 8587-300, 8587-301", "Reason: Typed the wrong date");
    }

    @Test
    void aCorrectionNeedsAReasonAndAChange() {
        long id = discussion("8587-300");
        var units = Set.of(unit("8587-300"));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.correct(id, LocalDate.of(2027, 4, 3),
                DiscussionMode.REMOTE, units, " "))).isInstanceOf(DiscussionException.class)
                .hasMessageStartingWith("Give the reason for correcting discussion " + id);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.correct(id, LocalDate.of(2026, 3, 14),
                DiscussionMode.REMOTE, units, "No change"))).isInstanceOf(DiscussionException.class)
                .hasMessageStartingWith("Nothing was changed");
    }

    @Test
    void onlyTheLearnersAssessorCorrects() {
        long id = discussion("8587-300");
        assertThatThrownBy(() -> signedIn.as("assessor2", () -> discussions.correct(id, LocalDate.of(2027, 4, 3),
                DiscussionMode.REMOTE, Set.of(unit("8587-300")), "Mine now")))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("assessor2", () -> {
            discussions.delete(id, "Mine now");
            return null;
        })).isInstanceOf(AccessRefusedException.class);
    }

    @Test
    void aUnitThePlanMapsQuestionsToIsNotTakenOff() {
        long id = discussion("8587-300", "8587-301");
        long ac = sheets.criteria(id).stream().filter(c -> c.unitCode().equals("8587-301")).findFirst().orElseThrow()
                .id();
        signedIn.as("assessor", () -> discussions.savePlan(id, null,
                List.of(new DiscussionPlan.Draft("Tell me about it", Set.of(ac)))));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.correct(id, LocalDate.of(2026, 3, 14),
                DiscussionMode.REMOTE, Set.of(unit("8587-300")), "Wrong unit"))).isInstanceOf(DiscussionException.class)
                .hasMessage("The plan maps agreed questions to ACs of unit 8587-301: change the plan first, then take"
                        + " the unit off the discussion.");
    }

    @Test
    void aUnitWithTaggedMomentsIsNotTakenOff() {
        long id = discussion("8587-300", "8587-301");
        long recording = sheets.hourLongRecording(id);
        sheets.tag(id, recording, 1_000, null, "Here", "8587-301 1.1");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.correct(id, LocalDate.of(2026, 3, 14),
                DiscussionMode.REMOTE, Set.of(unit("8587-300")), "Wrong unit"))).isInstanceOf(DiscussionException.class)
                .hasMessageContaining("1 tag is mapped to ACs of unit 8587-301");
    }

    @Test
    void aDiscussionCreatedByMistakeIsDeletedAndNoLongerShownButKept() {
        long id = discussion("8587-300");
        long before = trail.lastSeq();
        signedIn.as("assessor", () -> discussions.delete(id, "Created for the wrong learner"));

        assertThat(signedIn.as("assessor", () -> discussions.visible())).extracting(DiscussionSummary::id)
                .doesNotContain(id);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.get(id)))
                .isInstanceOf(AccessRefusedException.class).hasMessage("You may not see discussion " + id + ".");
        assertThat(trail.since(before)).extracting(e -> e.get("action")).contains("discussion-deleted");
        assertThat(trail.since(before)).anySatisfy(e -> assertThat((String) e.get("details"))
                .contains("Reason: Created for the wrong learner"));
    }

    @Test
    void aWrongRecordingIsRemovedFromTheDiscussionAndItsOriginalKept() {
        long id = discussion("8587-300");
        long recording = recordingFixtures.readyRecording(id, new byte[64], "audio/mp4");
        String sha = signedIn.as("assessor", () -> recordings.get(recording)).sha256();
        long before = trail.lastSeq();

        signedIn.as("assessor", () -> recordings.remove(recording, "Recorded the wrong learner"));

        assertThat(signedIn.as("assessor", () -> recordings.forDiscussion(id))).isEmpty();
        assertThatThrownBy(() -> signedIn.as("iqa", () -> recordings.get(recording)))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(store.hasOriginal(sha)).isTrue();
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("recording-removed");
            assertThat((String) e.get("details")).contains("SHA-256 " + sha, "the original is kept",
                    "Reason: Recorded the wrong learner");
        });
    }

    @Test
    void aRecordingWithTagsIsNotRemovedUntilItsTagsAreDeleted() {
        long id = discussion("8587-300");
        long recording = sheets.hourLongRecording(id);
        sheets.tag(id, recording, 1_000, null, "Here", "1.1");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> {
            recordings.remove(recording, "Wrong file");
            return null;
        })).isInstanceOf(DiscussionException.class).hasMessage("Recording " + recording
                + " has 1 tag: delete them in the workspace first, then remove the recording.");
        assertThat(signedIn.as("assessor", () -> recordings.forDiscussion(id))).hasSize(1);
    }

    @Test
    void aRecordingStillBeingProcessedIsNotRemovedNorItsDiscussionDeleted() throws Exception {
        long id = discussion("8587-300");
        var dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "test-tmp"));
        long recording = recordingFixtures.interruptedRecording(id, java.nio.file.Files.writeString(
                dir.resolve("corrections-in-progress.m4a"), "being processed " + System.nanoTime()));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> {
            recordings.remove(recording, "Too soon");
            return null;
        })).isInstanceOf(DiscussionException.class).hasMessage("Recording " + recording
                + " is still probing: it can be removed once it is ready or has failed.");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> {
            discussions.delete(id, "Too soon");
            return null;
        })).isInstanceOf(DiscussionException.class).hasMessageStartingWith("Recording " + recording
                + " of this discussion is still probing");
    }

    @Test
    void onceTheEvidenceIsOnASignedSheetOnlyAnAmendmentCorrectsIt() {
        long id = discussion("8587-305");
        long recording = recordingFixtures.readyRecording(id, new byte[32], "audio/mp4");
        sheets.signedPass("learner", "8587-305");

        assertThatThrownBy(() -> signedIn.as("assessor", () -> discussions.correct(id, LocalDate.of(2027, 4, 3),
                DiscussionMode.REMOTE, Set.of(unit("8587-305")), "Late correction")))
                .isInstanceOf(DiscussionException.class)
                .hasMessageStartingWith("Discussion " + id + " is evidence on the result sheet for unit 8587-305")
                .hasMessageEndingWith("It can no longer be corrected here: make the correction through an amendment"
                        + " of the signed sheet.");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> {
            discussions.delete(id, "Late");
            return null;
        })).isInstanceOf(DiscussionException.class).hasMessageContaining("amendment");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> {
            recordings.remove(recording, "Late");
            return null;
        })).isInstanceOf(DiscussionException.class).hasMessageContaining("amendment");
        assertThat(signedIn.as("assessor", () -> discussions.get(id)).heldOn()).isEqualTo(LocalDate.of(2026, 3, 14));
        assertThat(signedIn.as("assessor", () -> discussions.correctionRefusal(id))).isPresent();
    }
}
