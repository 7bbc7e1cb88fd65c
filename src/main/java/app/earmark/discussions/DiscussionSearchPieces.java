package app.earmark.discussions;

import app.earmark.base.SearchContributor;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A discussion's searchable pieces: its title (learner, assessor, date, mode and units: the context of every other
 * piece of the discussion) and its plan's questions with their ACs. A deleted discussion has none.
 */
@Component
class DiscussionSearchPieces implements SearchContributor {

    private final DiscussionRepository discussions;
    private final Catalogue catalogue;
    private final EntityManager entities;

    DiscussionSearchPieces(DiscussionRepository discussions, Catalogue catalogue, EntityManager entities) {
        this.discussions = discussions;
        this.catalogue = catalogue;
        this.entities = entities;
    }

    @Override
    @Transactional(readOnly = true)
    public Collection<Subject> subjects() {
        // Only the ids: a full reindex of a large centre would otherwise load every discussion.
        return entities.createQuery("select d.id from Discussion d where d.deletedAt is null order by d.id",
                Long.class).getResultList().stream().map(Subject::discussion).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Piece> pieces(Subject subject) {
        if (subject.kind() != Subject.Kind.DISCUSSION) {
            return List.of();
        }
        Discussion discussion = discussions.findById(subject.id()).filter(d -> !d.deleted()).orElse(null);
        if (discussion == null) {
            return List.of();
        }
        long id = discussion.id();
        Set<Long> units = discussion.unitIds();
        String title = title(discussion);
        List<Piece> pieces = new ArrayList<>();
        pieces.add(Piece.of("discussion:" + id, PieceKind.DISCUSSION_TITLE, "")
                .withLearner(discussion.learnerId(), discussion.assessorId())
                .withDiscussion(id, title, discussion.mode().name(), discussion.heldOn())
                .withCriteria(units, Set.of()));
        for (DiscussionPlan.Question question : discussion.plan(List.of()).questions()) {
            pieces.add(Piece.of("plan-question:" + id + ":" + question.position(), PieceKind.PLAN_QUESTION,
                    question.text()).withCriteria(Set.of(), question.criterionIds()));
        }
        return pieces;
    }

    /** "Professional discussion, 8580-502 Undertaking …". */
    private String title(Discussion discussion) {
        List<String> units = discussion.unitIds().stream().flatMap(u -> catalogue.unit(u).stream())
                .map(Unit::label).sorted().toList();
        return "Professional discussion" + (units.isEmpty() ? "" : ", " + String.join("; ", units));
    }
}
