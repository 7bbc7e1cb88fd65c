package app.earmark.discussions;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What other modules know about a discussion's evidence, asked before a correction so that this module needs no
 * knowledge of them: result sheets say whether the evidence is part of a signed record, tagging whether a
 * recording or a unit carries tags, recordings whether one is still being made or prepared. Implementations are
 * Spring beans; each answer is a sentence for a person.
 */
public interface CorrectionChecks {

    /** A discussion as the checks see it. */
    record DiscussionRef(long id, long learnerId, Set<Long> unitIds, Instant createdAt) {
    }

    /** Why the discussion's evidence is part of a signed record (so only an amendment may correct it), or empty. */
    default Optional<String> signedRecord(DiscussionRef discussion) {
        return Optional.empty();
    }

    /**
     * Why the discussion cannot be deleted now although its evidence is not signed (e.g. one of its recordings is
     * still being made or prepared), or empty.
     */
    default Optional<String> deletionBlocked(long discussionId) {
        return Optional.empty();
    }

    /** Why the recording cannot be removed as it is (e.g. it has tags), or empty. */
    default Optional<String> recordingInUse(long recordingId) {
        return Optional.empty();
    }

    /** Why the unit cannot be taken off the discussion (e.g. moments are tagged against its ACs), or empty. */
    default Optional<String> unitInUse(long discussionId, long unitId) {
        return Optional.empty();
    }
}
