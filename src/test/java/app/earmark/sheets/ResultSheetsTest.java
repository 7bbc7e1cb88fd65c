package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.SheetContent.AcEntry;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Result sheets on the shipped catalogue: a marked Level 5 unit (8580-502, learner2) and a Pass / Referral
 * Level 3 unit (8587-300, learner). Each test starts its own sheet by first removing the learner's earlier ones.
 */
@EarmarkSpringTest
class ResultSheetsTest {

    @Autowired
    ResultSheets sheets;
    @Autowired
    Catalogue catalogue;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    Tags tags;
    @Autowired
    Discussions discussions;
    @Autowired
    JdbcTemplate jdbc;

    private SheetView fresh(String learner, String unitCode) {
        Unit unit = clear(learner, unitCode);
        return signedIn.as("assessor", () -> sheets.start(trail.userId(learner), unit.id()));
    }

    /** Removes every version of the learner's sheet for the unit (other test classes share the database). */
    private Unit clear(String learner, String unitCode) {
        long learnerId = trail.userId(learner);
        Unit unit = catalogue.unit(unitCode).orElseThrow();
        String ofUnit = " where sheet_id in (select id from result_sheet where learner_id = ? and unit_id = ?)";
        jdbc.update("delete from evidence_attachment" + ofUnit, learnerId, unit.id());
        jdbc.update("delete from sheet_declaration" + ofUnit, learnerId, unit.id());
        jdbc.update("update result_sheet set previous_id = null where learner_id = ? and unit_id = ?", learnerId, unit.id());
        jdbc.update("delete from result_sheet where learner_id = ? and unit_id = ?", learnerId, unit.id());
        return unit;
    }

    /** Marks for 8580-502 in AC order, with feedback on every AC. */
    private static SheetContent marks(Unit unit, int... marks) {
        var entries = new HashMap<Long, AcEntry>();
        var acs = unit.definition().criteria().toList();
        for (int i = 0; i < acs.size(); i++) {
            entries.put(unit.criterionIds().get(acs.get(i).number()), new AcEntry(null, marks[i], "Feedback " + i,
                    "Portfolio"));
        }
        return new SheetContent(entries, Map.of(2, "Section 2 comment"), null);
    }

    private static SheetContent allPass(Unit unit, boolean withFeedback) {
        var entries = new HashMap<Long, AcEntry>();
        unit.criterionIds().values().forEach(id -> entries.put(id, new AcEntry(AcResult.PASS, null,
                withFeedback ? "Clear and well evidenced" : null, "Assignment")));
        return new SheetContent(entries, null, null);
    }

    @Test
    void aMarkedUnitWithOneAcBelowItsMinimumIsAReferralEvenWithATotalAboveHalf() {
        SheetView sheet = fresh("learner2", "8580-502");
        assertThat(sheet.useMarks()).isTrue();
        // 502: 4, 4, 4, 16, 12, 8, 8, 8, 8, 8, 8, 8, 4; AC 2.1 (16 marks, minimum 8) gets 6.
        SheetView saved = signedIn.as("assessor", () -> sheets.save(sheet.id(), sheet.version(), true,
                marks(sheet.unit(), 4, 4, 4, 6, 12, 8, 8, 8, 8, 8, 8, 8, 4)));
        assertThat(saved.evaluation().totalMarks()).isEqualTo(90);
        assertThat(saved.evaluation().percentage()).isEqualTo(90);
        assertThat(saved.evaluation().outcome()).isEqualTo(AcResult.REFERRAL);

        assertThatThrownBy(() -> signedIn.as("assessor", () -> sheets.sign(sheet.id(), saved.version(), AcResult.PASS)))
                .isInstanceOf(SheetException.class).hasMessage("The rules make this unit a Referral, so a Pass cannot be"
                        + " signed. AC 2.1 has 6 of 16 marks, below its minimum of 8.");
        SheetView signed = signedIn.as("assessor", () -> sheets.sign(sheet.id(), saved.version(), AcResult.REFERRAL));
        assertThat(signed.signed()).isTrue();
        assertThat(signed.assessorDecision()).isEqualTo(AcResult.REFERRAL);
    }

    @Test
    void marksAboveTheMaximumOrNegativeAreRefusedAndNothingIsSaved() {
        SheetView sheet = fresh("learner2", "8580-502");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> sheets.save(sheet.id(), sheet.version(), true,
                marks(sheet.unit(), 5, 4, 4, 16, 12, 8, 8, 8, 8, 8, 8, 8, -1))))
                .isInstanceOf(SheetException.class).satisfies(e -> assertThat(((SheetException) e).reasons())
                        .containsExactly("AC 1.1: at most 4 marks, not 5.",
                                "AC 4.3: marks cannot be below 0, not -1."));
        assertThat(signedIn.as("assessor", () -> sheets.get(sheet.id())).content().criteria()).isEmpty();
    }

    @Test
    void aPassWithoutFeedbackCannotBeSignedWhereTheCentreRequiresFeedback() {
        SheetView sheet = fresh("learner", "8587-300");
        assertThat(sheet.useMarks()).isFalse();
        SheetView saved = signedIn.as("assessor", () -> sheets.save(sheet.id(), sheet.version(), false,
                allPass(sheet.unit(), false)));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> sheets.sign(sheet.id(), saved.version(), AcResult.PASS)))
                .hasMessageStartingWith("This centre requires feedback on every AC; there is none yet on: AC 1.1, AC 1.2");
    }

    @Test
    void aSignedSheetIsFrozenAndHashedAndAnAmendmentIsANewVersion() {
        SheetView sheet = fresh("learner", "8587-300");
        SheetView saved = signedIn.as("assessor", () -> sheets.save(sheet.id(), sheet.version(), false,
                allPass(sheet.unit(), true)));
        long before = trail.lastSeq();
        SheetView signed = signedIn.as("assessor", () -> sheets.sign(sheet.id(), saved.version(), AcResult.PASS));
        assertThat(signed.contentHash()).matches("[0-9a-f]{64}");
        assertThat(trail.since(before)).filteredOn(e -> e.get("action").equals("sheet-signed")).singleElement()
                .satisfies(e -> assertThat((String) e.get("details")).contains("signed: Pass")
                        .contains(signed.contentHash()));

        assertThatThrownBy(() -> signedIn.as("assessor", () -> sheets.save(sheet.id(), signed.version(), false,
                SheetContent.empty()))).hasMessageStartingWith("Version 1 of this sheet is signed and cannot be changed.");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> sheets.sign(sheet.id(), signed.version(), AcResult.PASS)))
                .hasMessageStartingWith("Version 1 of this sheet is signed");

        SheetView amendment = signedIn.as("assessor", () -> sheets.amend(sheet.id()));
        assertThat(amendment.versionNumber()).isEqualTo(2);
        assertThat(amendment.previousId()).isEqualTo(sheet.id());
        assertThat(amendment.signed()).isFalse();
        assertThat(amendment.content()).isEqualTo(signed.content());
        var history = signedIn.as("learner", () -> sheets.history(trail.userId("learner"), sheet.unit().id()));
        assertThat(history).extracting(SheetView::versionNumber).containsExactly(2, 1);
        assertThat(history.get(1).contentHash()).isEqualTo(signed.contentHash());
    }

    @Test
    void theLearnerReadsButCannotWriteAndOtherLearnersCannotRead() {
        SheetView sheet = fresh("learner", "8587-300");
        assertThat(signedIn.as("learner", () -> sheets.get(sheet.id())).id()).isEqualTo(sheet.id());
        assertThatThrownBy(() -> signedIn.as("learner", () -> sheets.save(sheet.id(), sheet.version(), false,
                SheetContent.empty()))).isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("learner2", () -> sheets.get(sheet.id())))
                .isInstanceOf(AccessRefusedException.class);
    }

    @Test
    void timeCountersComeFromTheLearnersTaggedDiscussionsAndAreFrozenWhenSigned() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[100], "audio/mp4");
        long ac11 = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        var tag = signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(55_000, null, Set.of(ac11),
                null)));
        SheetView sheet = fresh("learner", "8587-300");
        assertThat(sheet.counters(ac11)).anySatisfy(c -> {
            assertThat(c.startMs()).isEqualTo(55_000);
            assertThat(c.playbackPath()).isEqualTo("/discussions/" + discussion + "/play?recording=" + recording
                    + "&t=55.0");
        });
        SheetView saved = signedIn.as("assessor", () -> sheets.save(sheet.id(), sheet.version(), false,
                allPass(sheet.unit(), true)));
        SheetView signed = signedIn.as("assessor", () -> sheets.sign(sheet.id(), saved.version(), AcResult.PASS));
        signedIn.as("assessor", () -> {
            tags.delete(tag.id(), tag.version());
            return null;
        });
        assertThat(signedIn.as("assessor", () -> sheets.get(signed.id())).counters(ac11))
                .anySatisfy(c -> assertThat(c.startMs()).isEqualTo(55_000));
    }

    @Test
    void progressFollowsTheRulesOfCombination() {
        List.of("8587-301", "8587-302", "8587-303", "8587-304", "8587-305").forEach(code -> clear("learner", code));
        SheetView sheet = fresh("learner", "8587-300");
        SheetView saved = signedIn.as("assessor", () -> sheets.save(sheet.id(), sheet.version(), false,
                allPass(sheet.unit(), true)));
        signedIn.as("assessor", () -> sheets.sign(sheet.id(), saved.version(), AcResult.PASS));
        var progress = signedIn.as("learner", () -> sheets.progress(trail.userId("learner")));
        assertThat(progress).singleElement().satisfies(p -> {
            assertThat(p.qualificationCode()).isEqualTo("8587");
            assertThat(p.passedUnits()).containsExactly("8587-300");
            assertThat(p.credits()).isEqualTo(3);
            assertThat(p.awards()).singleElement().satisfies(a -> {
                assertThat(a.achieved()).isFalse();
                assertThat(a.missing()).containsExactly("pass 8587-301",
                        "complete one of Group 1 (8587-302 + 8587-303) or Group 2 (8587-304 + 8587-305)",
                        "gain 13 more credits (3 of 16)");
            });
        });
    }

    @Test
    void progressShowsTheInferred8580DiplomaRuleAsProvisionalWithItsReason() {
        var progress = signedIn.as("learner2", () -> sheets.progress(trail.userId("learner2")));
        assertThat(progress).singleElement().satisfies(p -> {
            assertThat(p.qualificationCode()).isEqualTo("8580");
            assertThat(p.awards()).extracting(Progress.Award::award).containsExactly("Certificate", "Diploma");
            assertThat(p.awards().get(0).provisional()).isNull();
            assertThat(p.awards().get(1).provisional()).startsWith("The source lists the Diploma as 'three mandatory"
                    + " units (total credit value 37)' without naming them");
        });
    }
}
