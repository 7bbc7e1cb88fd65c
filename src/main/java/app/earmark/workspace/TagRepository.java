package app.earmark.workspace;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

interface TagRepository extends JpaRepository<Tag, Long> {

    /** A recording's tags with their ACs, in one query (not one more per tag). */
    @EntityGraph(attributePaths = "criterionIds")
    List<Tag> findByRecordingIdOrderByStartMsAscIdAsc(long recordingId);

    /** A discussion's tags with their ACs, in one query. */
    @EntityGraph(attributePaths = "criterionIds")
    List<Tag> findByDiscussionIdOrderByStartMsAscIdAsc(long discussionId);

    /** Some of a discussion's tags with their ACs, in one query. */
    @EntityGraph(attributePaths = "criterionIds")
    List<Tag> findByDiscussionIdAndIdIn(long discussionId, Collection<Long> ids);
}
