package app.earmark.sheets.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.sheets.AcResult;
import app.earmark.sheets.DeclarationKind;
import app.earmark.sheets.Declarations;
import app.earmark.sheets.QaOutcome;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetContent;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import app.earmark.workspace.Tags;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The result sheet page: the assessor fills in Pass / Referral or marks and sees what the rules make of it
 * as they type, saves, signs (or is refused with the rule's reason); the learner reads their own sheet and
 * confirms it; another learner sees nothing.
 */
class ResultSheetViewTest extends ViewTest {

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    ResultSheets sheets;
    @Autowired
    Declarations declarations;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    RecordingFixtures recordings;
    @Autowired
    Discussions discussions;
    @Autowired
    Tags tags;

    private static String path(long learnerId, Unit unit) {
        return "learners/" + learnerId + "/units/" + unit.id() + "/sheet";
    }

    private static String key(AssessmentCriterion ac) {
        return "ac-" + ac.number().replace('.', '-');
    }

    @SuppressWarnings("unchecked")
    private static RadioButtonGroup<AcResult> result(AssessmentCriterion ac) {
        return _get(RadioButtonGroup.class, spec -> spec.withId(key(ac) + "-result"));
    }

    private static IntegerField marks(AssessmentCriterion ac) {
        return _get(IntegerField.class, spec -> spec.withId(key(ac) + "-marks"));
    }

    @SuppressWarnings("unchecked")
    private static RadioButtonGroup<AcResult> decision() {
        return _get(RadioButtonGroup.class, spec -> spec.withId("assessor-decision"));
    }

    private static TextArea feedback(AssessmentCriterion ac) {
        return _get(TextArea.class, spec -> spec.withId(key(ac) + "-feedback"));
    }

    private static String text(String id) {
        return _get(Component.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    private static void click(String id) {
        _click(_get(Button.class, spec -> spec.withId(id)));
    }

    @Test
    void theAssessorStartsASheetMarksPassAndReferralAndSeesTheOutcomeAsTheyGo() {
        Unit unit = fixtures.clear("learner", "8587-300");
        long learner = trail.userId("learner");
        openAs("assessor", path(learner, unit));
        assertThat(text("sheet-message")).contains("No result sheet has been started");
        click("start-sheet");

        assertThat(text("sheet-centre-number")).contains("DEMO-001");
        assertThat(text("sheet-registration")).contains("ILM-DEMO-0001");
        assertThat(text("sheet-learner")).contains("Lee Learner");
        assertThat(text("sheet-unit")).contains("8587-300");
        assertThat(text("sheet-instructions")).contains("every AC must receive a 'Pass'");
        _assertNone(IntegerField.class, spec -> spec.withId("ac-1-1-marks"));
        assertThat(text("sheet-outcome")).isEqualTo("Unit outcome: not decided yet");

        List<AssessmentCriterion> acs = unit.definition().criteria().toList();
        acs.forEach(ac -> {
            _setValue(result(ac), AcResult.PASS);
            _setValue(feedback(ac), "Evidenced at length");
        });
        assertThat(text("sheet-outcome")).isEqualTo("Unit outcome by the rules: Pass");
        _setValue(result(acs.get(1)), AcResult.REFERRAL);
        assertThat(text("sheet-outcome")).isEqualTo("Unit outcome by the rules: Referral");
        assertThat(text("sheet-referrals")).contains("AC 1.2 is not met");

        _setValue(_get(TextArea.class, spec -> spec.withId("lo-1-comments")), "Strong on contracting");
        click("save-sheet");
        SheetView saved = signedIn.as("assessor", () -> sheets.current(learner, unit.id())).orElseThrow();
        assertThat(saved.evaluation().outcome()).isEqualTo(AcResult.REFERRAL);
        assertThat(saved.content().loComments()).containsEntry(1, "Strong on contracting");
        assertThat(saved.content().entry(unit.criterionIds().get("1.1")).feedback()).isEqualTo("Evidenced at length");
    }

    @Test
    void marksAddUpAndAnAcBelowItsMinimumIsAnAutomaticReferralThatCannotBeSignedAsAPass() {
        SheetView sheet = fixtures.freshSheet("learner2", "8580-502");
        openAs("assessor", path(trail.userId("learner2"), sheet.unit()));
        assertThat(text("sheet-instructions")).contains("automatic referral");
        // 502: 4, 4, 4, 16, 12, 8, 8, 8, 8, 8, 8, 8, 4 marks; AC 2.1 (16, minimum 8) gets 6.
        int[] given = {4, 4, 4, 6, 12, 8, 8, 8, 8, 8, 8, 8, 4};
        List<AssessmentCriterion> acs = sheet.unit().definition().criteria().toList();
        for (int i = 0; i < acs.size(); i++) {
            _setValue(marks(acs.get(i)), given[i]);
            _setValue(feedback(acs.get(i)), "Feedback on " + acs.get(i).label());
        }
        assertThat(text("sheet-total")).isEqualTo("Total 90 / 100 marks (90%)");
        assertThat(text("sheet-outcome")).isEqualTo("Unit outcome by the rules: Referral");
        assertThat(text("sheet-referrals")).contains("AC 2.1 has 6 of 16 marks, below its minimum of 8");

        RadioButtonGroup<AcResult> decision = decision();
        assertThat(decision.getItemEnabledProvider().test(AcResult.PASS)).as("an impossible Pass is not offered")
                .isFalse();
        assertThat(decision.getItemEnabledProvider().test(AcResult.REFERRAL)).isTrue();
        assertThat(decision.getHelperText()).isEqualTo("The rules make this unit a Referral.");

        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("assessor-decision")), AcResult.REFERRAL);
        click("sign-sheet");
        click("confirm-sign");
        SheetView signed = signedIn.as("assessor", () -> sheets.get(sheet.id()));
        assertThat(signed.evaluation().totalMarks()).as("the unsaved marks were saved before signing").isEqualTo(90);
        assertThat(signed.signed()).isTrue();
        assertThat(signed.assessorDecision()).isEqualTo(AcResult.REFERRAL);
        assertThat(text("signed-outcome")).isEqualTo("Unit outcome: REFERRAL");
        assertThat(text("sheet-hash")).isEqualTo(signed.contentHash());
        assertThat(marks(acs.get(3)).isReadOnly()).isTrue();
        _assertNone(Button.class, spec -> spec.withId("save-sheet"));
        assertThat(_get(Button.class, spec -> spec.withId("amend-sheet")).getText()).isEqualTo("Amend (start version 2)");
    }

    @Test
    void aMarkAboveTheMaximumIsFlaggedAsTypedAndNoOutcomeIsShownOrOfferedUntilItIsCorrected() {
        SheetView sheet = fixtures.freshSheet("learner2", "8580-502");
        openAs("assessor", path(trail.userId("learner2"), sheet.unit()));
        List<AssessmentCriterion> acs = sheet.unit().definition().criteria().toList();
        for (AssessmentCriterion ac : acs) {
            _setValue(marks(ac), ac.marks());
        }
        assertThat(text("sheet-outcome")).isEqualTo("Unit outcome by the rules: Pass");

        AssessmentCriterion first = acs.get(0);
        assertThat(first.marks()).isEqualTo(4);
        _setValue(marks(first), 99);
        assertThat(marks(first).isInvalid()).isTrue();
        assertThat(marks(first).getErrorMessage()).isEqualTo("At most 4 marks");
        assertThat(text("sheet-outcome")).isEqualTo("Outcome shown once every mark is valid");
        _assertNone(Component.class, spec -> spec.withId("sheet-total"));
        assertThat(text("sheet-invalid")).contains("AC 1.1: at most 4 marks, not 99.");
        assertThat(decision().getItemEnabledProvider().test(AcResult.PASS)).isFalse();
        assertThat(decision().getItemEnabledProvider().test(AcResult.REFERRAL)).isFalse();
        assertThat(decision().getHelperText()).isEqualTo("Outcome shown once every mark is valid");
        click("sign-sheet");
        assertThat(text("sign-refused")).isEqualTo("Correct the marks before signing: AC 1.1: at most 4 marks, not 99.");
        _assertNone(Button.class, spec -> spec.withId("confirm-sign"));

        _setValue(marks(first), 4);
        assertThat(marks(first).isInvalid()).isFalse();
        assertThat(text("sheet-outcome")).isEqualTo("Unit outcome by the rules: Pass");
        assertThat(text("sheet-total")).isEqualTo("Total 100 / 100 marks (100%)");
        assertThat(decision().getItemEnabledProvider().test(AcResult.PASS)).isTrue();
    }

    @Test
    void aConflictingSaveIsRefusedAndTheAssessorsInputStays() {
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");
        openAs("assessor", path(trail.userId("learner"), sheet.unit()));
        AssessmentCriterion first = sheet.unit().definition().criteria().findFirst().orElseThrow();
        _setValue(feedback(first), "My careful feedback");

        signedIn.as("assessor", () -> sheets.save(sheet.id(), sheet.version(), false, SheetContent.empty()));
        click("save-sheet");

        assertThat(text("sheet-conflict")).contains("Someone else saved this sheet after you opened it",
                "Your input is still on this page");
        assertThat(feedback(first).getValue()).isEqualTo("My careful feedback");
    }

    @Test
    void anAmendmentIsANewVersionAndEarlierVersionsStayReadable() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        long learner = trail.userId("learner");
        openAs("assessor", path(learner, signed.unit()));
        click("amend-sheet");
        assertThat(text("sheet-status")).startsWith("Version 2, draft");
        assertThat(result(signed.unit().definition().criteria().findFirst().orElseThrow()).getValue())
                .isEqualTo(AcResult.PASS);

        openAs("assessor", path(learner, signed.unit()));
        UI.getCurrent().navigate(path(learner, signed.unit()), QueryParameters.of("version", "1"));
        assertThat(text("sheet-status")).contains("Version 1, signed.", "version 2 replaces it");
        assertThat(text("sheet-hash")).isEqualTo(signed.contentHash());
        _assertNone(Button.class, spec -> spec.withId("amend-sheet"));
    }

    @Test
    void timeCountersAreLinksThatOpenTheRecordingAtTheirMoment() {
        long discussion = recordings.discussionWithLearner().id();
        long recording = recordings.readyRecording(discussion, new byte[100], "audio/mp4");
        long ac11 = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        signedIn.as("assessor", () -> tags.create(recording, new Tags.TagDraft(55_000, null, Set.of(ac11), null)));
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");

        openAs("assessor", path(trail.userId("learner"), sheet.unit()));
        var counter = _find(_get(Component.class, spec -> spec.withId("ac-1-1")), Anchor.class,
                spec -> spec.withClasses("time-counter")).stream()
                .filter(a -> a.getHref().startsWith("/discussions/" + discussion + "/")).findFirst().orElseThrow();
        assertThat(counter.getText()).isEqualTo("0m 55s");
        assertThat(counter.getHref()).isEqualTo("/discussions/" + discussion + "/play?recording=" + recording
                + "&t=55.0");

        openAs("assessor", "discussions/" + discussion);
        assertThat(text("discussion-sheets")).contains("8587-300", "Draft (version 1)");
        assertThat(_get(_get(Component.class, spec -> spec.withId("discussion-sheets")), Anchor.class).getHref())
                .isEqualTo(path(trail.userId("learner"), sheet.unit()));
    }

    @Test
    void theLearnerReadsTheirSignedSheetAndConfirmsItAsATrueRecord() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        openAs("learner", path(trail.userId("learner"), signed.unit()));

        AssessmentCriterion first = signed.unit().definition().criteria().findFirst().orElseThrow();
        assertThat(result(first).isReadOnly()).isTrue();
        assertThat(feedback(first).isReadOnly()).isTrue();
        assertThatThrownBy(() -> _setValue(feedback(first), "changed")).isInstanceOf(IllegalStateException.class);
        _assertNone(Button.class, spec -> spec.withId("save-sheet"));
        _assertNone(Button.class, spec -> spec.withId("amend-sheet"));
        _assertNone(Button.class, spec -> spec.withId("record-qa-check"));

        String statement = signedIn.as("learner", () -> Declarations.statement(DeclarationKind.LEARNER_AUTHENTICITY,
                sheets.get(signed.id()), null));
        assertThat(text("confirm-authenticity-statement")).isEqualTo(statement);
        click("confirm-authenticity");
        assertThat(signedIn.as("learner", () -> declarations.of(signed.id())).authenticity())
                .as("nothing is declared before the learner confirms").isEmpty();
        assertThat(text("declaration-dialog-statement")).isEqualTo(statement);
        click("confirm-declaration");
        assertThat(text("authenticity-made")).contains("Confirmed by Lee Learner", statement);
        assertThat(signedIn.as("learner", () -> declarations.of(signed.id())).authenticity()).isPresent();
        assertThat(signedIn.as("learner", () -> declarations.of(signed.id())).standardisationOptOut()).isEmpty();
        assertThat(text("refuse-standardisation-statement")).contains("I refuse");
        _get(Button.class, spec -> spec.withId("refuse-standardisation"));

        click("authenticity-made-withdraw");
        click("confirm-withdrawal");
        TextArea reason = _get(TextArea.class, spec -> spec.withId("withdrawal-reason"));
        assertThat(reason.isInvalid()).as("a reason is required").isTrue();
        assertThat(signedIn.as("learner", () -> declarations.of(signed.id())).authenticity().orElseThrow().withdrawn())
                .isFalse();
        _setValue(reason, "The counter at 3m 10s is from another learner's discussion");
        click("confirm-withdrawal");
        assertThat(text("authenticity-made-withdrawn")).startsWith("WITHDRAWN by learner on ")
                .endsWith("Reason: The counter at 3m 10s is from another learner's discussion");
        _assertNone(Button.class, spec -> spec.withId("authenticity-made-withdraw"));
    }

    @Test
    void anotherLearnerSeesNothingOfTheSheet() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        long before = trail.lastSeq();
        openAs("learner2", path(trail.userId("learner"), signed.unit()));
        assertThat(text("access-refused")).contains("You may not see learner");
        _assertNone(Component.class, spec -> spec.withId("sheet-form"));
        assertThat(trail.since(before)).anySatisfy(e -> assertThat(e.get("action")).isEqualTo("access-refused"));
    }

    @Test
    void feedbackWithMarkupIsShownAsText() {
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");
        long ac = sheet.unit().criterionIds().get("1.1");
        String markup = "<img src=x onerror=\"window.pwned=1\"><b>bold</b>";
        signedIn.as("assessor", () -> sheets.save(sheet.id(), sheet.version(), false, new SheetContent(
                Map.of(ac, new SheetContent.AcEntry(AcResult.PASS, null, markup, markup)), Map.of(1, markup), null)));
        openAs("learner", path(trail.userId("learner"), sheet.unit()));
        assertThat(_get(TextArea.class, spec -> spec.withId("ac-1-1-feedback")).getValue()).isEqualTo(markup);
        assertThat(_get(TextArea.class, spec -> spec.withId("lo-1-comments")).getValue()).isEqualTo(markup);
        assertThat(text("sheet-not-signed")).contains("Not signed yet");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIqaRecordsTheQaOutcomeOnTheSheet() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        openAs("iqa", path(trail.userId("learner"), signed.unit()));
        assertThat(text("authenticity-missing")).startsWith("Not confirmed by the learner yet.");
        _assertNone(Button.class, spec -> spec.withId("confirm-authenticity"));
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("qa-outcome")), QaOutcome.ACTION_REQUIRED);
        _setValue(_get(TextArea.class, spec -> spec.withId("qa-comment")), "Feedback on AC 1.2 too thin");
        _setValue(_get(TextArea.class, spec -> spec.withId("qa-verification-1")), "Heard LO 1 at 1m 55s");
        click("record-qa-check");

        assertThat(text("qa-outcome-made")).isEqualTo("QA outcome: Action required");
        assertThat(text("qa-comment-made")).contains("Feedback on AC 1.2 too thin");
        assertThat(text("lo-1-verification")).contains("Heard LO 1 at 1m 55s");
        assertThat(signedIn.as("iqa", () -> declarations.of(signed.id())).qaCheck()).hasValueSatisfying(d ->
                assertThat(d.outcome()).isEqualTo(QaOutcome.ACTION_REQUIRED));
    }

    @Test
    void theLearnerPageListsTheUnitsToAssessAndTheProgress() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        openAs("assessor", "learners/" + trail.userId("learner"));
        String units = text("learner-sheets");
        assertThat(units).contains("8587-300", "Signed: Pass (version " + signed.versionNumber() + ")", "8587-301",
                "Not started");
        assertThat(_find(_get(Component.class, spec -> spec.withId("units-to-assess")), Anchor.class).stream()
                .map(Anchor::getHref)).contains(path(trail.userId("learner"), signed.unit()));
        assertThat(text("learner-progress")).contains("8587", "Units passed: 8587-300", "pass 8587-301");
    }
}
