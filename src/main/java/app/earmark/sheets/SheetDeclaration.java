package app.earmark.sheets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** A declaration on a signed sheet version, as recorded; never changed once made, except to record its withdrawal. */
@Entity
@Table(name = "sheet_declaration")
class SheetDeclaration {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "sheet_id", nullable = false)
    private long sheetId;

    @Column(name = "sheet_version_number", nullable = false)
    private int sheetVersionNumber;

    @Column(name = "sheet_hash", nullable = false, length = 64)
    private String sheetHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private DeclarationKind kind;

    @Column(name = "declared_by", nullable = false, length = 100)
    private String declaredBy;

    @Column(name = "declared_by_name", nullable = false, length = 200)
    private String declaredByName;

    @Column(name = "declared_at", nullable = false)
    private Instant declaredAt;

    @Enumerated(EnumType.STRING)
    @Column(length = 30)
    private QaOutcome outcome;

    @Column(name = "comment_text", length = 4000)
    private String comment;

    /** The IQA's verification comments by learning-outcome number, as JSON. */
    @Column(name = "verification_comments", length = 100000)
    private String verificationComments;

    @Column(nullable = false, length = 4000)
    private String statement;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Column(name = "withdrawn_by", length = 100)
    private String withdrawnBy;

    @Column(name = "withdrawal_reason", length = 4000)
    private String withdrawalReason;

    protected SheetDeclaration() {
    }

    SheetDeclaration(SheetView sheet, DeclarationKind kind, String by, String byName, Instant at, QaOutcome outcome,
            String comment, String verificationComments, String statement) {
        this.sheetId = sheet.id();
        this.sheetVersionNumber = sheet.versionNumber();
        this.sheetHash = sheet.contentHash();
        this.kind = kind;
        this.declaredBy = by;
        this.declaredByName = byName;
        this.declaredAt = at;
        this.outcome = outcome;
        this.comment = comment;
        this.verificationComments = verificationComments;
        this.statement = statement;
    }

    DeclarationKind kind() {
        return kind;
    }

    boolean withdrawn() {
        return withdrawnAt != null;
    }

    void withdraw(String by, Instant at, String reason) {
        this.withdrawnBy = by;
        this.withdrawnAt = at;
        this.withdrawalReason = reason;
    }

    String verificationComments() {
        return verificationComments;
    }

    Declaration view(Map<Integer, String> comments) {
        return new Declaration(id, sheetId, sheetVersionNumber, sheetHash, kind, declaredBy, declaredByName,
                declaredAt, outcome, comment, comments, statement, withdrawnAt, withdrawnBy, withdrawalReason, null, null);
    }
}
