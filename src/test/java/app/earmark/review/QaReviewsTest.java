package app.earmark.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.EvidencePackContributor;
import app.earmark.base.EvidencePackContributor.PackScope;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.Relationship;
import app.earmark.review.QaReviews.ActionDraft;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.Role;
import app.earmark.sheets.AcResult;
import app.earmark.sheets.Declarations;
import app.earmark.sheets.QaOutcome;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetExports;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The IQA's review at the moment, through the services: verdicts, QA notes, the outcome and its QA box, actions the
 * assessor answers, a second review of the amended version, the acceptance voided by an amendment; who may do what;
 * bad input; exports and the evidence pack's part.
 */
@EarmarkSpringTest
class QaReviewsTest {

    @Autowired
    QaReviews reviews;
    @Autowired
    ReviewExports exports;
    @Autowired
    List<EvidencePackContributor> contributors;
    @Autowired
    Declarations declarations;
    @Autowired
    ResultSheets sheets;
    @Autowired
    SheetFixtures fixtures;
    @Autowired
    Tags tags;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    PeopleAdmin admin;
    @Autowired
    SheetExports sheetExports;

    private long recording;
    private SheetView signed;

    @BeforeEach
    void signedSheetWithATaggedRecording() {
        fixtures.clear("learner", "8587-300");
        long discussion = fixtures.discussion("learner", "8587-300");
        recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 12_000, null, "Explains the rationale", "1.1");
        fixtures.tag(discussion, recording, 95_000, 110_000L, null, "1.2");
        signed = fixtures.signedPass("learner", "8587-300");
    }

    private String hash() {
        return signed.contentHash();
    }

    @Test
    void theIqaReviewsSendsAnActionTheAssessorAnswersAndTheAmendedVersionIsAcceptedThenVoidedByAnAmendment() {
        List<TagView> assessorTags = signedIn.as("assessor", () -> tags.forRecording(recording));
        var page = signedIn.as("iqa", () -> reviews.page(signed.id()));
        assertThat(page.mayDecide()).isTrue();
        assertThat(page.notReviewable()).isEmpty();
        assertThat(page.recording()).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(recording));

        long before = trail.lastSeq();
        signedIn.as("iqa", () -> reviews.recordVerdict(signed.id(), hash(), "1.1", Verdict.AGREE, null));
        signedIn.as("iqa", () -> reviews.recordVerdict(signed.id(), hash(), "1.2", Verdict.DISAGREE,
                "The span does not show the learner reviewing outcomes"));
        ReviewView noted = signedIn.as("iqa", () -> reviews.addNote(signed.id(), hash(), 95_000, 110_000L,
                "Only the assessor speaks here"));
        assertThat(noted.notes()).singleElement().satisfies(n -> {
            assertThat(n.startMs()).isEqualTo(95_000);
            assertThat(n.endMs()).isEqualTo(110_000);
            assertThat(n.recordingId()).isEqualTo(recording);
        });
        assertThat(noted.recordingSha256()).isEqualTo(page.recording().orElseThrow().sha256());
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).as("the assessor's tags are untouched")
                .isEqualTo(assessorTags);

        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.decide(signed.id(), hash(), ReviewStatus.ACCEPTED,
                null, List.of()))).isInstanceOf(ReviewException.class)
                .hasMessage("You disagree on AC 1.2: change your verdict, or require an action. Nothing was decided.");
        ReviewView decided = signedIn.as("iqa", () -> reviews.decide(signed.id(), hash(),
                ReviewStatus.ACTION_REQUIRED, "Evidence for 1.2 is thin", List.of(new ActionDraft(List.of("1.2"),
                        100_000L, "Point to where the learner reviews the outcomes, or refer AC 1.2"))));
        assertThat(decided.status()).isEqualTo(ReviewStatus.ACTION_REQUIRED);
        assertThat(decided.sheetHash()).isEqualTo(signed.contentHash());
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("action")).containsExactly("qa-review-started",
                "qa-verdict-recorded", "qa-verdict-recorded", "qa-note-added", "sheet-qa-checked", "qa-review-decided");
        var box = signedIn.as("learner", () -> declarations.of(signed.id())).qaCheck().orElseThrow();
        assertThat(box.outcome()).isEqualTo(QaOutcome.ACTION_REQUIRED);
        assertThat(box.comment()).contains("Evidence for 1.2 is thin", "Action on AC 1.2 at 1m 40s: Point to where");
        assertThat(box.verificationComments()).containsEntry(1, "AC 1.2 (disagree): The span does not show the learner"
                + " reviewing outcomes");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.recordVerdict(signed.id(), hash(), "1.2",
                Verdict.AGREE, null))).isInstanceOf(ReviewException.class).hasMessageContaining("was decided");

        var open = signedIn.as("assessor", () -> reviews.openActions());
        var mine = open.stream().filter(o -> o.review().id() == decided.id()).toList();
        assertThat(mine).singleElement().satisfies(o -> {
            assertThat(o.action().acNumbers()).containsExactly("1.2");
            assertThat(o.action().atMs()).isEqualTo(100_000L);
            assertThat(o.unitCode()).isEqualTo("8587-300");
        });
        long actionId = mine.get(0).action().id();
        assertThat(signedIn.as("assessor2", () -> reviews.openActions())).noneMatch(o -> o.action().id() == actionId);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> reviews.answer(actionId, AnswerKind.AMENDED,
                "Amended"))).isInstanceOf(ReviewException.class)
                .hasMessage("The sheet has not been amended since version 1 was reviewed: amend it first, or answer"
                        + " otherwise.");

        SheetView draft = signedIn.as("assessor", () -> sheets.amend(signed.id()));
        SheetView v2 = fixtures.sign(fixtures.save(draft, false, SheetFixtures.allPass(draft.unit())), AcResult.PASS);
        before = trail.lastSeq();
        ReviewView answered = signedIn.as("assessor", () -> reviews.answer(actionId, AnswerKind.AMENDED,
                "Feedback on 1.2 now names 1m 55s, where the learner reviews outcomes"));
        assertThat(answered.actions().get(0).answered()).isTrue();
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> assertThat(e.get("action"))
                .isEqualTo("qa-action-answered"));
        assertThat(signedIn.as("assessor", () -> reviews.openActions())).noneMatch(o -> o.action().id() == actionId);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> reviews.answer(actionId, AnswerKind.REPLIED, "again")))
                .isInstanceOf(ReviewException.class).hasMessageContaining("answered already");

        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.recordVerdict(signed.id(), hash(), "1.1",
                Verdict.AGREE, null))).isInstanceOf(ReviewException.class)
                .hasMessage("The sheet changed after you opened it: version 2 was signed and replaces version 1."
                        + " Nothing was saved; open the review of the latest signed version.");

        var second = signedIn.as("iqa", () -> reviews.page(v2.id()));
        assertThat(second.earlier()).extracting(ReviewView::id).containsExactly(decided.id());
        ReviewView accepted = signedIn.as("iqa", () -> reviews.decide(v2.id(), v2.contentHash(),
                ReviewStatus.ACCEPTED, "Now well evidenced", List.of()));
        assertThat(accepted.acceptanceStands()).isTrue();
        var qa = signedIn.as("assessor", () -> declarations.of(v2.id())).qaCheck().orElseThrow();
        assertThat(qa.outcome()).isEqualTo(QaOutcome.ACCEPTED);
        assertThat(qa.declaredByName()).isEqualTo("Ingrid IQA");
        assertThat(qa.sheetHash()).isEqualTo(v2.contentHash());

        before = trail.lastSeq();
        signedIn.as("assessor", () -> sheets.amend(v2.id()));
        ReviewView voided = signedIn.as("iqa", () -> reviews.of(v2.id())).orElseThrow();
        assertThat(voided.voided()).isTrue();
        assertThat(voided.acceptanceStands()).isFalse();
        assertThat(voided.voidedReason()).contains("Version 3 amends version 2");
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("action")).containsExactly("sheet-amended",
                "qa-acceptance-voided");
        assertThat(signedIn.as("learner", () -> reviews.ofLearner(trail.userId("learner"))))
                .extracting(ReviewView::id).contains(decided.id(), accepted.id());
    }

    @Test
    void aVoidedAcceptancePrintsAsVoidOnTheSheetsPdfWithWhenAndWhy() throws Exception {
        signedIn.as("iqa", () -> reviews.decide(signed.id(), hash(), ReviewStatus.ACCEPTED, "Sampled and agreed",
                List.of()));
        String accepted = pdfText(signedIn.as("iqa", () -> sheetExports.sheetPdf(signed.id())).content());
        assertThat(accepted).contains("QA outcome: Accepted", "Signature of QA: Ingrid IQA (iqa)")
                .doesNotContain("VOID");

        signedIn.as("assessor", () -> sheets.amend(signed.id()));

        ReviewView voided = signedIn.as("iqa", () -> reviews.of(signed.id())).orElseThrow();
        var box = signedIn.as("learner", () -> declarations.of(signed.id())).qaCheck().orElseThrow();
        assertThat(box.voided()).isTrue();
        assertThat(box.voidedAt()).isEqualTo(voided.voidedAt());
        assertThat(box.voidReason()).isEqualTo(voided.voidedReason());
        String printed = pdfText(signedIn.as("iqa", () -> sheetExports.sheetPdf(signed.id())).content());
        String on = app.earmark.base.DisplayFormats.dateFormatter(app.earmark.base.DisplayFormats.DEFAULT)
                .withZone(java.time.ZoneId.of("Europe/London")).format(voided.voidedAt());
        assertThat(printed).contains("QA acceptance VOID since " + on + " at ",
                "Version 2 amends version 1, so this acceptance no longer stands",
                "Signature of QA: Ingrid IQA (iqa) (void)");
    }

    @Test
    void onlyTheIqaOfTheSigningAssessorDecidesOthersAreRefusedAsNotFoundAndAudited() {
        String unassigned = unassignedIqa();
        long before = trail.lastSeq();
        for (String who : List.of("assessor2", "learner2", "learner", unassigned)) {
            assertThatThrownBy(() -> signedIn.as(who, () -> reviews.page(signed.id()))).as(who)
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessage("You may not see result sheet " + signed.id() + ".");
        }
        assertThat(trail.byPeopleSince(before)).hasSize(4).allSatisfy(e -> assertThat(e.get("action"))
                .isEqualTo("access-refused"));
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.page(Long.MAX_VALUE)))
                .isInstanceOf(AccessRefusedException.class)
                .hasMessage("You may not see result sheet " + Long.MAX_VALUE + ".");

        var asAdmin = signedIn.as("admin", () -> reviews.page(signed.id()));
        assertThat(asAdmin.mayDecide()).isFalse();
        var asAssessor = signedIn.as("assessor", () -> reviews.page(signed.id()));
        assertThat(asAssessor.mayDecide()).isFalse();
        assertThat(asAssessor.mayAnswer()).isTrue();
        for (String who : List.of("admin", "assessor", "assessor2", "learner", unassigned)) {
            assertThatThrownBy(() -> signedIn.as(who, () -> reviews.recordVerdict(signed.id(), hash(), "1.1",
                    Verdict.AGREE, null))).as(who).isInstanceOf(AccessRefusedException.class);
            assertThatThrownBy(() -> signedIn.as(who, () -> reviews.decide(signed.id(), hash(), ReviewStatus.ACCEPTED,
                    null, List.of()))).as(who).isInstanceOf(AccessRefusedException.class);
        }
        assertThat(signedIn.as("iqa", () -> reviews.of(signed.id()))).isEmpty();

        ReviewView decided = signedIn.as("iqa", () -> reviews.decide(signed.id(), hash(),
                ReviewStatus.ACTION_REQUIRED, null, List.of(new ActionDraft(List.of("1.1"), null, "Add feedback"))));
        long actionId = decided.actions().get(0).id();
        for (String who : List.of("iqa", "admin", "assessor2", "learner", unassigned)) {
            assertThatThrownBy(() -> signedIn.as(who, () -> reviews.answer(actionId, AnswerKind.REPLIED, "Done")))
                    .as(who).isInstanceOf(AccessRefusedException.class)
                    .hasMessage("There is no action " + actionId + ".");
        }
        assertThatThrownBy(() -> signedIn.as("assessor", () -> reviews.answer(Long.MAX_VALUE, AnswerKind.REPLIED,
                "Done"))).isInstanceOf(AccessRefusedException.class);
        for (String who : List.of("assessor2", "learner", "learner2", unassigned)) {
            assertThatThrownBy(() -> signedIn.as(who, () -> exports.json(signed.id()))).as(who)
                    .isInstanceOf(AccessRefusedException.class);
        }
        assertThat(signedIn.as("admin", () -> exports.json(signed.id())).content()).isNotEmpty();
    }

    @Test
    void badInputGetsAClearMessageAndNothingIsSaved() {
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.recordVerdict(signed.id(), hash(), "1.2",
                Verdict.DISAGREE, "  "))).isInstanceOf(ReviewException.class)
                .hasMessage("Say why you disagree on AC 1.2; nothing was saved.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.recordVerdict(signed.id(), "0".repeat(64), "1.1",
                Verdict.AGREE, null))).isInstanceOf(ReviewException.class)
                .hasMessage("The sheet you reviewed is not the one stored: its SHA-256 is now " + hash()
                        + ". Nothing was saved; reload the review.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.recordVerdict(signed.id(), hash(), "9.9",
                Verdict.AGREE, null))).hasMessage("Unit 8587-300 has no AC 9.9.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.addNote(signed.id(), hash(), 3_700_000, null,
                "late"))).hasMessage("1h 01m 40s is after the end of the recording, which lasts 1h 00m 00s; nothing"
                        + " was saved.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.addNote(signed.id(), hash(), 5_000, 4_000L,
                "backwards"))).hasMessage("A span of the recording ends after it starts; nothing was saved.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.decide(signed.id(), hash(),
                ReviewStatus.ACTION_REQUIRED, null, List.of()))).isInstanceOf(ReviewException.class)
                .hasMessage("Name at least one action for the assessor; nothing was decided.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.decide(signed.id(), hash(),
                ReviewStatus.ACTION_REQUIRED, null, List.of(new ActionDraft(List.of(), null, "Something")))))
                .hasMessage("Name the ACs each action concerns; \"Something\" names none.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.decide(signed.id(), hash(),
                ReviewStatus.ACTION_REQUIRED, null, List.of(new ActionDraft(List.of("1.1"), null, " ")))))
                .hasMessage("Say what the assessor should do in each action; nothing was decided.");
        assertThat(signedIn.as("iqa", () -> reviews.of(signed.id()))).as("nothing half-written").isEmpty();
        assertThat(signedIn.as("iqa", () -> declarations.of(signed.id())).qaCheck()).isEmpty();

        SheetView draft = signedIn.as("assessor", () -> sheets.amend(signed.id()));
        var stale = signedIn.as("iqa", () -> reviews.page(signed.id()));
        assertThat(stale.notReviewable()).contains("Version 1 of this sheet has been amended: version 2, a draft,"
                + " replaces it.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.decide(signed.id(), hash(), ReviewStatus.ACCEPTED,
                null, List.of()))).hasMessageContaining("version 2 was started and replaces version 1");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> reviews.recordVerdict(draft.id(), draft.contentHash(),
                "1.1", Verdict.AGREE, null))).isInstanceOf(AccessRefusedException.class);
    }

    @Test
    void theReviewIsExportedAsJsonAndPdfAndGoesIntoTheEvidencePack() throws Exception {
        signedIn.as("iqa", () -> reviews.recordVerdict(signed.id(), hash(), "1.1", Verdict.AGREE, "Clear at 0m 12s"));
        signedIn.as("iqa", () -> reviews.addNote(signed.id(), hash(), 12_000, null, "Rationale well put"));
        ReviewView decided = signedIn.as("iqa", () -> reviews.decide(signed.id(), hash(), ReviewStatus.ACCEPTED,
                "Sampled and agreed", List.of()));

        long before = trail.lastSeq();
        var json = signedIn.as("assessor", () -> exports.json(signed.id()));
        String text = new String(json.content(), StandardCharsets.UTF_8);
        assertThat(text).contains("\"status\" : \"ACCEPTED\"", hash(), "Rationale well put", "Clear at 0m 12s",
                decided.recordingSha256());
        var pdf = signedIn.as("iqa", () -> exports.pdf(signed.id()));
        String printed = pdfText(pdf.content());
        assertThat(printed).contains("Outcome: Accepted", "Signature of QA: Ingrid IQA", "AC 1.1: Agree",
                "0m 12s Rationale well put", hash());
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("action")).containsExactly("qa-review-exported",
                "qa-review-exported");

        var mine = contributors.stream().filter(c -> c instanceof ReviewPackContributor).findFirst().orElseThrow();
        var files = mine.files(new PackScope(trail.userId("learner"), signed.unit().id(), null, null));
        var ours = files.stream().filter(f -> f.path().endsWith("-review-" + decided.id() + ".json")).findFirst()
                .orElseThrow();
        try (InputStream in = ours.content().open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(hash());
        }
        assertThat(files).anyMatch(f -> f.path().equals("qa-reviews/8587-300-v1-review-" + decided.id() + ".pdf"));
        assertThat(mine.files(new PackScope(trail.userId("learner2"), null, null, null)))
                .noneMatch(f -> f.path().contains("-review-" + decided.id() + "."));
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** An IQA who quality-assures nobody. */
    private String unassignedIqa() {
        String name = "review.iqa.unassigned";
        boolean exists = signedIn.as("admin", () -> admin.people()).stream().anyMatch(p -> p.username().equals(name));
        if (!exists) {
            signedIn.as("admin", () -> admin.createPerson(name, "Una Assigned", "long enough password",
                    Set.of(Role.IQA)));
        }
        return name;
    }

    @SuppressWarnings("unused")
    private static final Map<String, Relationship> UNUSED = Map.of();
}
