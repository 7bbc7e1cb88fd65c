package app.earmark.sheets;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a QA check's acceptance is voided after it was recorded: the review module keeps the void (an amendment of
 * an accepted version voids its acceptance) and implements this, so that the sheet's page, its PDF and the evidence
 * pack's declarations read the void from the same record as the review page. Without an implementation no QA check
 * is void.
 */
public interface QaCheckVoids {

    /** The void of the QA check recorded on this sheet version, if its acceptance was voided. */
    Optional<QaCheckVoid> voidOf(long sheetId);

    /** When and why an acceptance stopped standing. */
    record QaCheckVoid(Instant at, String reason) {
    }
}
