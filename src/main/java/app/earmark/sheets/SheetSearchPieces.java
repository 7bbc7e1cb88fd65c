package app.earmark.sheets;

import app.earmark.base.SearchContributor;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A result sheet version's searchable pieces: the feedback on each AC with its outcome (PASS, REFERRAL or
 * UNDECIDED) and the comments on learning outcomes, with the sheet's state and its assessor (who signed the version,
 * or who wrote it while it is a draft); each opens the sheet at its AC.
 */
@Component
class SheetSearchPieces implements SearchContributor {

    private final ResultSheetRepository sheets;
    private final People people;
    private final EntityManager entities;

    SheetSearchPieces(ResultSheetRepository sheets, People people, EntityManager entities) {
        this.sheets = sheets;
        this.people = people;
        this.entities = entities;
    }

    @Override
    @Transactional(readOnly = true)
    public Collection<Subject> subjects() {
        // Only the ids: a full reindex would otherwise load every sheet with its content.
        return entities.createQuery("select s.id from ResultSheet s order by s.id", Long.class).getResultList()
                .stream().map(Subject::sheet).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Piece> pieces(Subject subject) {
        if (subject.kind() != Subject.Kind.SHEET) {
            return List.of();
        }
        ResultSheet sheet = sheets.findById(subject.id()).orElse(null);
        if (sheet == null) {
            return List.of();
        }
        SheetContent content = ResultSheets.read(sheet.content()).content();
        Instant dated = sheet.signedAt() != null ? sheet.signedAt() : sheet.createdAt();
        LocalDate date = LocalDate.ofInstant(dated, ZoneOffset.UTC);
        String state = sheet.status().name();
        Long assessorId = people.refByUsername(sheet.signedBy() != null ? sheet.signedBy() : sheet.createdBy())
                .map(PersonRef::id).orElse(null);
        List<Piece> pieces = new ArrayList<>();
        for (Map.Entry<Long, SheetContent.AcEntry> entry : content.criteria().entrySet()) {
            SheetContent.AcEntry ac = entry.getValue();
            String text = join(ac.feedback(), ac.otherEvidence());
            String outcome = ac.result() == null ? "UNDECIDED" : ac.result().name();
            pieces.add(base(sheet, assessorId, "sheet-ac:" + sheet.id() + ":" + entry.getKey(),
                    PieceKind.SHEET_AC_FEEDBACK, text, date)
                    .withCriteria(Set.of(sheet.unitId()), Set.of(entry.getKey()))
                    .withStates(outcome, state, null));
        }
        for (Map.Entry<Integer, String> comment : content.loComments().entrySet()) {
            if (comment.getValue() != null && !comment.getValue().isBlank()) {
                pieces.add(base(sheet, assessorId, "sheet-lo:" + sheet.id() + ":" + comment.getKey(),
                        PieceKind.LO_COMMENT, "LO " + comment.getKey() + ": " + comment.getValue(), date)
                        .withCriteria(Set.of(sheet.unitId()), Set.of())
                        .withStates(decision(sheet), state, null));
            }
        }
        return pieces;
    }

    private static Piece base(ResultSheet sheet, Long assessorId, String id, PieceKind kind, String text,
            LocalDate date) {
        return Piece.of(id, kind, text).withLearner(sheet.learnerId(), assessorId).withDate(date)
                .atSheet(sheet.id(), null);
    }

    private static String decision(ResultSheet sheet) {
        return sheet.assessorDecision() == null ? "UNDECIDED" : sheet.assessorDecision().name();
    }

    private static String join(String feedback, String other) {
        StringBuilder text = new StringBuilder(feedback == null ? "" : feedback.strip());
        if (other != null && !other.isBlank()) {
            text.append(text.isEmpty() ? "" : "\n").append("Other evidence: ").append(other.strip());
        }
        return text.toString();
    }
}
