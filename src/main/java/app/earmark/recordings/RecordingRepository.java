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

    List<Recording> findByStateIn(Collection<RecordingState> states);

    /** The oldest queued recording, locked so that only one worker slot takes it. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Recording r where r.state = app.earmark.recordings.RecordingState.QUEUED"
            + " order by r.stateChangedAt, r.id limit 1")
    Optional<Recording> lockNextQueued();
}
