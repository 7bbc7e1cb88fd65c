package app.earmark.sheets;

import app.earmark.base.DisplayFormats;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.CorrectionChecks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Tells the discussions module when a discussion's evidence is part of a signed result sheet, so that it is no
 * longer corrected directly: a signed version of the learner's sheet for one of the discussion's units that froze
 * a time counter of the discussion, or that was signed after the discussion was created (its assessor signed with
 * the discussion on record).
 */
@Component
class SignedDiscussionEvidence implements CorrectionChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResultSheetRepository sheets;
    private final Catalogue catalogue;

    SignedDiscussionEvidence(ResultSheetRepository sheets, Catalogue catalogue) {
        this.sheets = sheets;
        this.catalogue = catalogue;
    }

    @Override
    public Optional<String> signedRecord(DiscussionRef discussion) {
        return sheets.findByLearnerId(discussion.learnerId()).stream()
                .filter(s -> s.status() == SheetStatus.SIGNED && discussion.unitIds().contains(s.unitId()))
                .filter(s -> !s.signedAt().isBefore(discussion.createdAt()) || cites(s, discussion.id()))
                .min(Comparator.comparing(ResultSheet::signedAt))
                .map(s -> "Discussion " + discussion.id() + " is evidence on the result sheet for unit "
                        + catalogue.unit(s.unitId()).map(Unit::code).orElse(String.valueOf(s.unitId())) + " (version "
                        + s.versionNumber() + ", signed by " + s.signedBy() + " on "
                        + DisplayFormats.dateTime(s.signedAt()) + ").");
    }

    /** Whether the signed sheet froze a time counter of the discussion. */
    private static boolean cites(ResultSheet sheet, long discussionId) {
        try {
            JsonNode counters = JSON.readTree(sheet.content()).path("counters");
            for (JsonNode perCriterion : counters) {
                for (JsonNode counter : perCriterion) {
                    if (counter.path("discussionId").asLong(-1) == discussionId) {
                        return true;
                    }
                }
            }
            return false;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return true; // a sheet that cannot be read is taken to cite it: never unlock signed evidence by mistake
        }
    }
}
