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
 */
public record Declaration(long id, long sheetId, int sheetVersionNumber, String sheetHash, DeclarationKind kind,
        String declaredBy, String declaredByName, Instant declaredAt, QaOutcome outcome, String comment,
        Map<Integer, String> verificationComments, String statement, Instant withdrawnAt, String withdrawnBy,
        String withdrawalReason) {

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

    /** Whether it was made on exactly this version: same sheet and the same content hash. */
    public boolean covers(SheetView sheet) {
        return sheet.id() == sheetId && sheetHash.equals(sheet.contentHash());
    }
}
