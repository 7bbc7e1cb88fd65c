package app.earmark.recordings;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface RecordingRepository extends ListCrudRepository<Recording, Long> {

    /** A discussion's recordings, without those removed from it. */
    List<Recording> findByDiscussionIdAndRemovedAtIsNullOrderByUploadedAt(long discussionId);

    List<Recording> findByDiscussionIdInAndRemovedAtIsNull(Collection<Long> discussionIds);

    Optional<Recording> findByUploadId(String uploadId);

    /** A discussion's recordings, those removed from it included. */
    List<Recording> findByDiscussionIdInOrderById(Collection<Long> discussionIds);

    List<Recording> findByStateIn(Collection<RecordingState> states);

    /** How many recordings are in a state (the ingest queue's gauges). */
    long countByState(RecordingState state);

    /** A recording locked for its ingest job to claim it (a second claimer waits, then sees it claimed). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Recording r where r.id = :id")
    Optional<Recording> lockById(@org.springframework.data.repository.query.Param("id") long id);
}
