package app.earmark.sheets;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.sheets.SheetContent.AcEntry;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Discussions with an hour-long ready recording, tags on them and result sheets in known states, for the tests of
 * sheets, declarations and outputs (and the PDF benchmark). Everything is done as {@code assessor}, who assesses
 * {@code learner} (8587) and {@code learner2} (8580). A fresh sheet starts from nothing: the learner's earlier
 * sheets for the unit are removed first, with their declarations and attachments.
 */
@Component
public class SheetFixtures {

    private final Discussions discussions;
    private final Tags tags;
    private final ResultSheets sheets;
    private final Catalogue catalogue;
    private final BenchmarkFixtures recordings;
    private final SignedIn signedIn;
    private final AuditTrail trail;
    private final JdbcTemplate jdbc;

    SheetFixtures(Discussions discussions, Tags tags, ResultSheets sheets, Catalogue catalogue,
            BenchmarkFixtures recordings, SignedIn signedIn, AuditTrail trail, JdbcTemplate jdbc) {
        this.discussions = discussions;
        this.tags = tags;
        this.sheets = sheets;
        this.catalogue = catalogue;
        this.recordings = recordings;
        this.signedIn = signedIn;
        this.trail = trail;
        this.jdbc = jdbc;
    }

    /** A new discussion of the given units with the learner. */
    public long discussion(String learner, String... unitCodes) {
        long learnerId = trail.userId(learner);
        Set<Long> units = Arrays.stream(unitCodes).map(code -> catalogue.unit(code).orElseThrow().id())
                .collect(Collectors.toSet());
        return signedIn.as("assessor", () -> discussions.create(List.of(learnerId), units, LocalDate.of(2026, 3, 14),
                DiscussionMode.REMOTE)).id();
    }

    /** A ready recording of the discussion, one hour long. */
    public long hourLongRecording(long discussionId) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-tmp"));
            Path file = Files.writeString(dir.resolve("sheet-fixture-rendition.m4a"), "not really audio");
            return recordings.readyRecording(discussionId, file, "rendition.m4a", "audio/mp4").recordingId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<AssessedCriterion> criteria(long discussionId) {
        return signedIn.as("assessor", () -> discussions.criteria(discussionId));
    }

    /**
     * A tag on the recording.
     *
     * @param acs AC numbers ("3.1"), or "8580-501 3.1" to name the unit too
     */
    public TagView tag(long discussionId, long recordingId, long startMs, Long endMs, String note, String... acs) {
        List<AssessedCriterion> criteria = criteria(discussionId);
        Set<Long> ids = Arrays.stream(acs).map(ac -> criteria.stream().filter(c -> ac.contains(" ")
                ? (c.unitCode() + " " + c.number()).equals(ac) : c.number().equals(ac)).findFirst().orElseThrow().id())
                .collect(Collectors.toSet());
        return signedIn.as("assessor", () -> tags.create(recordingId, new Tags.TagDraft(startMs, endMs, ids, note)));
    }

    public Unit unit(String code) {
        return catalogue.unit(code).orElseThrow();
    }

    /** Removes every version of the learner's sheet for the unit; returns the unit. */
    public Unit clear(String learner, String unitCode) {
        long learnerId = trail.userId(learner);
        Unit unit = unit(unitCode);
        jdbc.update("delete from evidence_attachment where sheet_id in (select id from result_sheet where learner_id = ?"
                + " and unit_id = ?)", learnerId, unit.id());
        jdbc.update("delete from sheet_declaration where sheet_id in (select id from result_sheet where learner_id = ?"
                + " and unit_id = ?)", learnerId, unit.id());
        jdbc.update("update result_sheet set previous_id = null where learner_id = ? and unit_id = ?", learnerId,
                unit.id());
        jdbc.update("delete from result_sheet where learner_id = ? and unit_id = ?", learnerId, unit.id());
        return unit;
    }

    /** The learner's sheet for the unit, started afresh by {@code assessor}. */
    public SheetView freshSheet(String learner, String unitCode) {
        Unit unit = clear(learner, unitCode);
        return signedIn.as("assessor", () -> sheets.start(trail.userId(learner), unit.id()));
    }

    /** A new sheet with every AC a Pass with feedback, signed as a Pass by {@code assessor}. */
    public SheetView signedPass(String learner, String unitCode) {
        SheetView draft = freshSheet(learner, unitCode);
        return sign(save(draft, false, allPass(draft.unit())), AcResult.PASS);
    }

    public static SheetContent allPass(Unit unit) {
        var entries = new HashMap<Long, AcEntry>();
        unit.criterionIds().values().forEach(id -> entries.put(id, new AcEntry(AcResult.PASS, null,
                "Clear and well evidenced", "Assignment")));
        return new SheetContent(entries, Map.of(), Map.of());
    }

    public SheetView save(SheetView sheet, boolean useMarks, SheetContent content) {
        return signedIn.as("assessor", () -> sheets.save(sheet.id(), sheet.version(), useMarks, content));
    }

    public SheetView sign(SheetView sheet, AcResult decision) {
        return signedIn.as("assessor", () -> sheets.sign(sheet.id(), sheet.version(), decision));
    }
}
