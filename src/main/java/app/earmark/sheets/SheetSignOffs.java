package app.earmark.sheets;

import java.time.Instant;
import java.util.Map;

/**
 * The boxes of a result sheet that others complete after the assessor has signed, as the PDF prints them: the
 * learner's confirmation of authenticity, their refusal of anonymous use for standardisation, and the quality
 * assurer's outcome, signature and date of the QA check with their verification comments. Taken from the
 * {@link Declarations} made on exactly this signed version; a draft, or a version nobody has declared on yet,
 * prints blank boxes, as on the paper form.
 *
 * @param learner               the learner's confirmation, or {@code null} for a blank box
 * @param optedOut              the learner refused anonymous use of their work for standardisation (and has not
 *                              withdrawn that refusal)
 * @param optOutWithdrawal      the learner's withdrawn refusal, or {@code null}
 * @param qa                    the QA check, or {@code null} for a blank box
 * @param verificationComments  the IQA's verification comments by learning-outcome number, from the QA check and the
 *                              sheet itself
 */
record SheetSignOffs(LearnerConfirmation learner, boolean optedOut, Withdrawal optOutWithdrawal, QaCheck qa,
        Map<Integer, String> verificationComments) {

    /** The sign-offs of a sheet version from the declarations made on it (others are ignored). */
    static SheetSignOffs of(SheetView sheet, SheetDeclarations made) {
        Map<Integer, String> comments = made.verificationComments(sheet);
        if (!sheet.signed()) {
            return new SheetSignOffs(null, false, null, null, comments);
        }
        LearnerConfirmation learner = made.authenticity().filter(d -> d.covers(sheet))
                .map(d -> new LearnerConfirmation(d.signature(), d.declaredAt(), Withdrawal.of(d))).orElse(null);
        var optOut = made.standardisationOptOut().filter(d -> d.covers(sheet));
        boolean optedOut = optOut.filter(d -> !d.withdrawn()).isPresent();
        Withdrawal optOutWithdrawal = optOut.map(Withdrawal::of).orElse(null);
        QaCheck qa = made.qaCheck().filter(d -> d.covers(sheet)).map(d -> new QaCheck(d.outcome(),
                d.outcome() == QaOutcome.ACCEPTED ? sheet.assessorDecision() : null, d.signature(), d.declaredAt(),
                d.comment(), d.voidedAt(), d.voidReason())).orElse(null);
        return new SheetSignOffs(learner, optedOut, optOutWithdrawal, qa, comments);
    }

    /** @param withdrawal the learner's withdrawal of the confirmation, or {@code null} while it stands */
    record LearnerConfirmation(String confirmedBy, Instant confirmedAt, Withdrawal withdrawal) {
    }

    /** A declaration withdrawn by its declarer: when, and why. */
    record Withdrawal(Instant at, String reason) {
        static Withdrawal of(Declaration d) {
            return d.withdrawn() ? new Withdrawal(d.withdrawnAt(), d.withdrawalReason()) : null;
        }
    }

    /**
     * @param outcome   the IQA's outcome
     * @param confirmed the assessor's decision the IQA accepted, or {@code null} when action is required
     * @param comment   what action is required, or the IQA's remark; may be {@code null}
     * @param voidedAt  when the acceptance was voided (an amendment of this version), or {@code null} while it stands
     * @param voidReason why it was voided
     */
    record QaCheck(QaOutcome outcome, AcResult confirmed, String signedBy, Instant checkedAt, String comment,
            Instant voidedAt, String voidReason) {

        boolean voided() {
            return voidedAt != null;
        }
    }
}
