package app.earmark.notes;

import app.earmark.base.SearchContributor;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A discussion's disputes as searchable pieces: the learner's comment, the disputed items and the assessor's
 * resolution, with the dispute's state ({@code DISPUTE_OPEN} or {@code DISPUTE_RESOLVED}) as its QA state.
 */
@Component
class DisputeSearchPieces implements SearchContributor {

    private final NotesDisputes disputes;

    DisputeSearchPieces(NotesDisputes disputes) {
        this.disputes = disputes;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Piece> pieces(Subject subject) {
        return SearchContributor.ofDiscussion(subject, discussion -> disputes
                .findByDiscussionIdOrderByDisputedAtAscIdAsc(discussion).stream().map(d -> d.view())
                .map(d -> {
                    StringBuilder text = new StringBuilder(d.comment() == null ? "" : d.comment());
                    d.items().forEach(i -> text.append("\nDisputed: ").append(i.description()));
                    if (d.resolution() != null) {
                        text.append("\nResolution: ").append(d.resolution());
                    }
                    return Piece.of("dispute:" + d.id(), PieceKind.DISPUTE, text.toString())
                            .withLearner(d.learnerId(), null)
                            .withDate(LocalDate.ofInstant(d.disputedAt(), ZoneOffset.UTC))
                            .withStates(null, null, d.resolved() ? "DISPUTE_RESOLVED" : "DISPUTE_OPEN");
                }).toList());
    }
}
