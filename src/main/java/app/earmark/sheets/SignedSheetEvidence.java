package app.earmark.sheets;

import app.earmark.sheets.SheetEvents.SheetSigned;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Attaches a sheet's PDF to the evidence record as it is signed: just before the signature commits, in the same
 * transaction, so that a signed version always has its PDF (and if the PDF cannot be made, the signature is not
 * saved either). The audit trail shows the signature first, then the attachment.
 */
@Component
class SignedSheetEvidence {

    private final Evidence evidence;

    SignedSheetEvidence(Evidence evidence) {
        this.evidence = evidence;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SheetSigned signed) {
        evidence.attachSheetPdf(signed.sheetId());
    }
}
