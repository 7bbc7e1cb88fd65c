package app.earmark.sheets;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One declaration on a signed version of a result sheet, as it was made.
 *
 * @param sheetHash            the content hash (SHA-256) of the signed version it was made on
 * @param declaredByName       the declarer's name as it was when they declared (their signature)
 * @param outcome              the QA outcome ({@link DeclarationKind#QA_CHECK} only)
 * @param comment              the IQA's comment ({@link DeclarationKind#QA_CHECK} only)
 * @param verificationComments the IQA's verification comments by learning-outcome number (QA check only)
 * @param statement            exactly what was declared, word for word
 * @param withdrawnAt          when the declarer withdrew it, or {@code null} while it stands
 * @param withdrawnBy          who withdrew it (the declarer)
 * @param withdrawalReason     why, in their words
 * @param voidedAt             when the QA check's acceptance was voided (an amendment of the version it accepted),
 *                             or {@code null} while it stands ({@link QaCheckVoids}; QA check only)
 * @param voidReason           why it was voided
 */
public record Declaration(long id, long sheetId, int sheetVersionNumber, String sheetHash, DeclarationKind kind,
        String declaredBy, String declaredByName, Instant declaredAt, QaOutcome outcome, String comment,
        Map<Integer, String> verificationComments, String statement, Instant withdrawnAt, String withdrawnBy,
        String withdrawalReason, Instant voidedAt, String voidReason) {

    public Declaration {
        verificationComments = verificationComments == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(verificationComments));
    }

    /** Who declared, as a signature reads: "Lee Learner (learner)". */
    public String signature() {
        return declaredByName() + " (" + declaredBy() + ")";
    }

    /** Whether the declarer has withdrawn it: it is kept, but no longer stands. */
    public boolean withdrawn() {
        return withdrawnAt != null;
    }

    /** Whether this QA check's acceptance was voided after it was made: it is kept, but no longer stands. */
    public boolean voided() {
        return voidedAt != null;
    }

    /** This declaration with its acceptance voided at {@code at} for {@code reason}. */
    Declaration voided(Instant at, String reason) {
        return new Declaration(id, sheetId, sheetVersionNumber, sheetHash, kind, declaredBy, declaredByName, declaredAt,
                outcome, comment, verificationComments, statement, withdrawnAt, withdrawnBy, withdrawalReason, at,
                reason);
    }

    /** Whether it was made on exactly this version: same sheet and the same content hash. */
    public boolean covers(SheetView sheet) {
        return sheet.id() == sheetId && sheetHash.equals(sheet.contentHash());
    }
}
