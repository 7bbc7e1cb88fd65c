package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The declarations on a signed sheet (the learner's authenticity confirmation and opt-out, the IQA's QA
 * check): who may make them, on which version, once, and their audit trail.
 */
@EarmarkSpringTest
class DeclarationsTest {

    @Autowired
    Declarations declarations;
    @Autowired
    ResultSheets sheets;
    @Autowired
    SheetFixtures fixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    SheetExports exports;

    @Test
    void theLearnerConfirmsTheirOwnSignedSheetOnceAndItIsAudited() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        long before = trail.lastSeq();

        Declaration made = signedIn.as("learner", () -> declarations.confirmAuthenticity(signed.id()));

        assertThat(made.kind()).isEqualTo(DeclarationKind.LEARNER_AUTHENTICITY);
        assertThat(made.declaredBy()).isEqualTo("learner");
        assertThat(made.declaredByName()).isEqualTo("Lee Learner");
        assertThat(made.sheetHash()).isEqualTo(signed.contentHash());
        assertThat(made.covers(signed)).isTrue();
        assertThat(made.statement()).isEqualTo(Declarations.statement(DeclarationKind.LEARNER_AUTHENTICITY, signed,
                null)).contains("true record of my professional discussion", "is my own", "8587-300");
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("learner");
            assertThat(e.get("action")).isEqualTo("sheet-authenticity-confirmed");
            assertThat(e.get("subject")).isEqualTo("sheet:" + signed.id());
            assertThat((String) e.get("details")).contains(signed.contentHash(), made.statement());
        });
        assertThat(signedIn.as("iqa", () -> declarations.of(signed.id())).authenticity()).contains(made);

        assertThatThrownBy(() -> signedIn.as("learner", () -> declarations.confirmAuthenticity(signed.id())))
                .isInstanceOf(SheetException.class).hasMessageContaining("already made this declaration");
    }

    @Test
    void theLearnerWithdrawsADeclarationWithAReasonAndItIsAuditedAndPrintedAsWithdrawn() throws Exception {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        signedIn.as("learner", () -> declarations.confirmAuthenticity(signed.id()));
        signedIn.as("learner", () -> declarations.refuseStandardisation(signed.id()));

        assertThatThrownBy(() -> signedIn.as("learner", () -> declarations.withdraw(signed.id(),
                DeclarationKind.LEARNER_AUTHENTICITY, "  ")))
                .isInstanceOf(SheetException.class).hasMessage("Give the reason for withdrawing the declaration;"
                        + " nothing was withdrawn.");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> declarations.withdraw(signed.id(),
                DeclarationKind.LEARNER_AUTHENTICITY, "Not theirs to withdraw")))
                .isInstanceOf(app.earmark.security.AccessRefusedException.class);

        long before = trail.lastSeq();
        Declaration withdrawn = signedIn.as("learner", () -> declarations.withdraw(signed.id(),
                DeclarationKind.LEARNER_AUTHENTICITY, "The counters are not from my discussion"));
        assertThat(withdrawn.withdrawn()).isTrue();
        assertThat(withdrawn.withdrawnBy()).isEqualTo("learner");
        assertThat(withdrawn.withdrawalReason()).isEqualTo("The counters are not from my discussion");
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("sheet-declaration-withdrawn");
            assertThat((String) e.get("details")).contains("The counters are not from my discussion",
                    signed.contentHash());
        });
        assertThat(signedIn.as("iqa", () -> declarations.of(signed.id())).authenticity()).contains(withdrawn);
        assertThatThrownBy(() -> signedIn.as("learner", () -> declarations.withdraw(signed.id(),
                DeclarationKind.LEARNER_AUTHENTICITY, "again"))).hasMessage("This declaration was withdrawn already.");
        assertThatThrownBy(() -> signedIn.as("learner", () -> declarations.confirmAuthenticity(signed.id())))
                .isInstanceOf(SheetException.class).hasMessageContaining("and withdrew it on");

        signedIn.as("learner", () -> declarations.withdraw(signed.id(), DeclarationKind.STANDARDISATION_OPT_OUT,
                "I now agree"));
        String pdf = SheetPdfTest.text(signedIn.as("learner", () -> exports.sheetPdf(signed.id())).content());
        assertThat(pdf).contains("Confirmed by Lee Learner (learner) on", "WITHDRAWN by the learner on",
                "reason: The counters are not from my discussion", "The learner refused, then withdrew the refusal.",
                "reason: I now agree");
        assertThat(pdf).contains("refuse by ticking the box: ☐");
    }

    @Test
    void nothingIsDeclaredOnADraft() {
        SheetView draft = fixtures.freshSheet("learner", "8587-300");
        assertThatThrownBy(() -> signedIn.as("learner", () -> declarations.confirmAuthenticity(draft.id())))
                .isInstanceOf(SheetException.class)
                .hasMessage("Version 1 of this sheet is a draft the assessor is still writing; it can be confirmed"
                        + " once the assessor has signed it.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> declarations.recordQaCheck(draft.id(), QaOutcome.ACCEPTED,
                null, null))).isInstanceOf(SheetException.class).hasMessageContaining("is a draft");
        assertThat(signedIn.as("assessor", () -> declarations.of(draft.id())).all()).isEmpty();
    }

    @Test
    void onlyTheSheetsOwnLearnerDeclaresAndRefusalsAreAudited() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        long before = trail.lastSeq();
        assertThatThrownBy(() -> signedIn.as("learner2", () -> declarations.confirmAuthenticity(signed.id())))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> declarations.confirmAuthenticity(signed.id())))
                .isInstanceOf(AccessRefusedException.class)
                .hasMessage("Only the learner whose result sheet this is may confirm it or refuse its use for"
                        + " standardisation.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> declarations.refuseStandardisation(signed.id())))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(trail.byPeopleSince(before)).hasSize(3).allSatisfy(e -> assertThat(e.get("action"))
                .isEqualTo("access-refused"));
        assertThat(signedIn.as("learner", () -> declarations.of(signed.id())).all()).isEmpty();
    }

    @Test
    void theLearnerRefusesUseForStandardisation() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        long before = trail.lastSeq();
        Declaration made = signedIn.as("learner", () -> declarations.refuseStandardisation(signed.id()));
        assertThat(made.kind()).isEqualTo(DeclarationKind.STANDARDISATION_OPT_OUT);
        assertThat(made.statement()).startsWith("ILM uses learners' work, on an anonymous basis").contains("I refuse");
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> assertThat(e.get("action"))
                .isEqualTo("sheet-standardisation-refused"));
        var all = signedIn.as("assessor", () -> declarations.of(signed.id()));
        assertThat(all.standardisationOptOut()).contains(made);
        assertThat(all.authenticity()).as("one declaration never implies another").isEmpty();
    }

    @Test
    void theIqaOfTheSigningAssessorRecordsTheQaOutcome() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> declarations.recordQaCheck(signed.id(),
                QaOutcome.ACTION_REQUIRED, " ", null))).isInstanceOf(SheetException.class)
                .hasMessage("Say in the comment what action is required.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> declarations.recordQaCheck(signed.id(), QaOutcome.ACCEPTED,
                null, Map.of(9, "No such outcome")))).isInstanceOf(SheetException.class)
                .hasMessage("Unit 8587-300 has no learning outcome 9.");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> declarations.recordQaCheck(signed.id(),
                QaOutcome.ACCEPTED, null, null))).isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("learner", () -> declarations.recordQaCheck(signed.id(),
                QaOutcome.ACCEPTED, null, null))).isInstanceOf(AccessRefusedException.class);

        long before = trail.lastSeq();
        Declaration made = signedIn.as("iqa", () -> declarations.recordQaCheck(signed.id(), QaOutcome.ACCEPTED,
                "Sampled; agree with every decision.", Map.of(1, "LO 1 heard at 1m 55s", 2, " ")));

        assertThat(made.kind()).isEqualTo(DeclarationKind.QA_CHECK);
        assertThat(made.outcome()).isEqualTo(QaOutcome.ACCEPTED);
        assertThat(made.declaredByName()).isEqualTo("Ingrid IQA");
        assertThat(made.verificationComments()).containsExactly(Map.entry(1, "LO 1 heard at 1m 55s"));
        assertThat(made.sheetHash()).isEqualTo(signed.contentHash());
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("iqa");
            assertThat(e.get("action")).isEqualTo("sheet-qa-checked");
            assertThat((String) e.get("details")).contains("Accepted", "Sampled; agree with every decision.",
                    signed.contentHash());
        });
        var stored = signedIn.as("learner", () -> declarations.of(signed.id())).qaCheck().orElseThrow();
        assertThat(stored).isEqualTo(made);
        assertThatThrownBy(() -> signedIn.as("iqa", () -> declarations.recordQaCheck(signed.id(),
                QaOutcome.ACTION_REQUIRED, "Second thoughts", null))).isInstanceOf(SheetException.class)
                .hasMessageContaining("already made this declaration");
    }

    @Test
    void declarationsAreMadeOnTheLatestVersionOnly() {
        SheetView signed = fixtures.signedPass("learner", "8587-300");
        SheetView amendment = signedIn.as("assessor", () -> sheets.amend(signed.id()));
        assertThatThrownBy(() -> signedIn.as("learner", () -> declarations.confirmAuthenticity(signed.id())))
                .isInstanceOf(SheetException.class).hasMessageContaining("version 2 replaces it");
        assertThatThrownBy(() -> signedIn.as("learner", () -> declarations.confirmAuthenticity(amendment.id())))
                .isInstanceOf(SheetException.class).hasMessageContaining("is a draft");
    }
}
