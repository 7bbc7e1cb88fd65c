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

    /** The live recording that continues this one, if its browser came back after it was closed as silent. */
    Optional<Recording> findByContinuesRecordingId(long continuesRecordingId);

    /**
     * {@code first} and the live recordings that continue it one after the other, first to last. Only a recording
     * closed as silent can be continued, so for any other (every upload, and every live recording until then) this
     * asks the database nothing: it is on the path of every tag and every live part.
     */
    default List<Recording> chainFrom(Recording first) {
        List<Recording> chain = new java.util.ArrayList<>(List.of(first));
        Recording last = first;
        while (last.closedSilent()) {
            Optional<Recording> next = findByContinuesRecordingId(last.id());
            if (next.isEmpty()) {
                break;
            }
            last = next.get();
            chain.add(last);
        }
        return chain;
    }

    /** The last of {@code first} and the live recordings that continue it ({@link #chainFrom}). */
    default Recording latestOf(Recording first) {
        List<Recording> chain = chainFrom(first);
        return chain.get(chain.size() - 1);
    }

    /** How many recordings are in each of these states (the ingest queue's gauges); a state with none is left out. */
    @Query("select r.state as state, count(r) as count from Recording r where r.state in :states group by r.state")
    List<StateCount> countByStateIn(@org.springframework.data.repository.query.Param("states")
            Collection<RecordingState> states);

    /** One row of {@link #countByStateIn}. */
    interface StateCount {
        RecordingState getState();

        long getCount();
    }

    /** A recording locked for its ingest job to claim it (a second claimer waits, then sees it claimed). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Recording r where r.id = :id")
    Optional<Recording> lockById(@org.springframework.data.repository.query.Param("id") long id);
}
