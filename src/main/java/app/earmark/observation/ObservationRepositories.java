package app.earmark.observation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

/** Marks for live observation. */
interface ObservationMarks extends ListCrudRepository<ObservationMark, Long> {

    List<ObservationMark> findByDiscussionId(long discussionId);

    Optional<ObservationMark> findByDiscussionIdAndIqaId(long discussionId, long iqaId);

    List<ObservationMark> findByIqaIdAndDiscussionIdIn(long iqaId, Collection<Long> discussionIds);

    boolean existsByDiscussionId(long discussionId);
}

/** IQAs' observation notes. */
interface ObservationNotes extends ListCrudRepository<ObservationNote, Long> {

    List<ObservationNote> findByDiscussionIdAndAuthorIdOrderByRecordingIdAscAtMsAsc(long discussionId, long authorId);
}
