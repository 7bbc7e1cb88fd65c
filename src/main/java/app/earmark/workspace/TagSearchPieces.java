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
                .findByDiscussionIdOrderByStartMsAscIdAsc(discussion).stream().map(Tag::view)
                .map(tag -> Piece.of("tag:" + tag.id(), PieceKind.TAG_NOTE, tag.note())
                        .withCriteria(Set.of(), tag.criterionIds())
                        .atMoment(tag.discussionId(), tag.recordingId(), tag.startMs()))
                .toList());
    }
}
