package app.earmark.workspace;

import app.earmark.discussions.CorrectionChecks;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Tells the discussions module what tags hold: a recording with tags is not removed (its tags would point at a
 * recording nobody can see), nor a unit whose ACs are tagged taken off a discussion.
 */
@Component
class TaggedEvidence implements CorrectionChecks {

    private final TagRepository tags;
    private final app.earmark.catalogue.Catalogue catalogue;

    TaggedEvidence(TagRepository tags, app.earmark.catalogue.Catalogue catalogue) {
        this.tags = tags;
        this.catalogue = catalogue;
    }

    @Override
    public Optional<String> recordingInUse(long recordingId) {
        int count = tags.findByRecordingIdOrderByStartMsAscIdAsc(recordingId).size();
        return count == 0 ? Optional.empty() : Optional.of("Recording " + recordingId + " has " + count
                + (count == 1 ? " tag" : " tags") + ": delete them in the workspace first, then remove the recording.");
    }

    @Override
    public Optional<String> unitInUse(long discussionId, long unitId) {
        var unit = catalogue.unit(unitId);
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        var criteria = java.util.Set.copyOf(unit.get().criterionIds().values());
        long count = tags.findByDiscussionIdOrderByStartMsAscIdAsc(discussionId).stream()
                .filter(tag -> tag.view().criterionIds().stream().anyMatch(criteria::contains)).count();
        return count == 0 ? Optional.empty() : Optional.of(count + (count == 1 ? " tag is" : " tags are")
                + " mapped to ACs of unit " + unit.get().code() + ": change them in the workspace first, then take the"
                + " unit off the discussion.");
    }
}
