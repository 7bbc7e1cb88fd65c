package app.earmark.workspace;

import app.earmark.base.SearchContributor;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A discussion's tags as searchable pieces: each note with its ACs at its moment of the recording. */
@Component
class TagSearchPieces implements SearchContributor {

    private final TagRepository tags;

    TagSearchPieces(TagRepository tags) {
        this.tags = tags;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Piece> pieces(Subject subject) {
        return SearchContributor.ofDiscussion(subject, discussion -> tags
                .findByDiscussionIdOrderByStartMsAscIdAsc(discussion).stream().map(TagSearchPieces::piece).toList());
    }

    /** Only the tags asked for: a change to one tag of a discussion with thousands costs one tag's read. */
    @Override
    @Transactional(readOnly = true)
    public List<Piece> pieces(Subject subject, Set<String> ids) {
        List<Long> tagIds = ids.stream().filter(id -> id.startsWith(TagEvents.SEARCH_PIECE_PREFIX))
                .map(id -> Long.parseLong(id.substring(TagEvents.SEARCH_PIECE_PREFIX.length()))).toList();
        if (tagIds.isEmpty()) {
            return List.of();
        }
        return SearchContributor.ofDiscussion(subject, discussion -> tags.findByDiscussionIdAndIdIn(discussion,
                tagIds).stream().map(TagSearchPieces::piece).toList());
    }

    private static Piece piece(Tag tag) {
        TagView view = tag.view();
        return Piece.of(TagEvents.searchPieceId(view.id()), PieceKind.TAG_NOTE, view.note())
                .withCriteria(Set.of(), view.criterionIds())
                .atMoment(view.discussionId(), view.recordingId(), view.startMs());
    }
}
