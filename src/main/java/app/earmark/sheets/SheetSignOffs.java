package app.earmark.sheets;

import java.time.Instant;

/**
 * The boxes of a result sheet that others complete after the assessor has signed: the learner's confirmation of
 * authenticity with their opt-out from anonymous use for standardisation, and the quality assurer's outcome,
 * signature and date of the QA check.
 *
 * <p><b>Hook:</b> the sheet model does not record these yet, so {@link #of(SheetView)} returns blank boxes and the PDF
 * prints them empty, as on the paper form. When {@link SheetView} carries them, fill them in here; nothing else in
 * the PDF needs to change.
 *
 * @param learner the learner's confirmation, or {@code null} for a blank box
 * @param qa      the QA check, or {@code null} for a blank box
 */
record SheetSignOffs(LearnerConfirmation learner, QaCheck qa) {

    static final SheetSignOffs BLANK = new SheetSignOffs(null, null);

    /** The sign-offs of a sheet as far as Earmark records them (not yet: blank). */
    static SheetSignOffs of(SheetView sheet) {
        return BLANK;
    }

    /**
     * @param optedOut the learner refused anonymous use of their work for standardisation
     */
    record LearnerConfirmation(String confirmedBy, Instant confirmedAt, boolean optedOut) {
    }

    /**
     * @param outcome Pass or Referral as the quality assurer found it
     */
    record QaCheck(AcResult outcome, String signedBy, Instant checkedAt) {
    }
}
