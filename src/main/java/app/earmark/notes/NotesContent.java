package app.earmark.notes;

import app.earmark.base.Hashing;
import app.earmark.base.TimeFormat;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.recordings.RecordingSummary;
import app.earmark.workspace.TagView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Exactly what a learner authenticates: the canonical JSON of a discussion's recordings (id and SHA-256 of the
 * original) and tags (moment or span, ACs and note), and its SHA-256. The JSON is compact (no whitespace),
 * with the keys in the order written here, recordings and tags by id, ACs by id, and is hashed as UTF-8.
 * See {@code docs/notes-authentication.md}.
 *
 * @param json   the canonical serialisation
 * @param sha256 SHA-256 of {@code json} as UTF-8, in lower-case hex
 */
record NotesContent(String json, String sha256) {

    static final String FORMAT = "earmark-notes-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    static NotesContent of(long discussionId, List<RecordingSummary> recordings, List<TagView> tags,
            List<AssessedCriterion> criteria) {
        Map<Long, String> labels = criteria.stream()
                .collect(Collectors.toMap(AssessedCriterion::id, AssessedCriterion::label, (a, b) -> a));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("discussionId", discussionId);
        List<Object> recs = new ArrayList<>();
        recordings.stream().sorted(Comparator.comparingLong(RecordingSummary::id)).forEach(r -> {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("id", r.id());
            rec.put("sha256", r.sha256());
            recs.add(rec);
        });
        root.put("recordings", recs);
        List<Object> items = new ArrayList<>();
        tags.stream().sorted(Comparator.comparingLong(TagView::id)).forEach(t -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("id", t.id());
            tag.put("recordingId", t.recordingId());
            tag.put("startMs", t.startMs());
            tag.put("endMs", t.endMs());
            List<Long> ids = t.criterionIds().stream().sorted().toList();
            tag.put("criterionIds", ids);
            tag.put("criteria", ids.stream().map(id -> labels.getOrDefault(id, "criterion " + id)).toList());
            tag.put("note", t.note());
            items.add(tag);
        });
        root.put("tags", items);
        try {
            String json = JSON.writeValueAsString(root);
            return new NotesContent(json, Hashing.sha256Hex(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The notes could not be serialised", e);
        }
    }

    /** "0m 43s–0m 50s 8587-300 AC 3.1 (note: "…")": a tag as a disputed item, in words. */
    static String describe(TagView tag, List<AssessedCriterion> criteria) {
        Map<Long, String> labels = criteria.stream()
                .collect(Collectors.toMap(AssessedCriterion::id, AssessedCriterion::label, (a, b) -> a));
        String when = TimeFormat.counter(tag.startMs()) + (tag.endMs() == null ? "" : "–"
                + TimeFormat.counter(tag.endMs()));
        String acs = tag.criterionIds().stream().sorted().map(id -> labels.getOrDefault(id, "criterion " + id))
                .collect(Collectors.joining(", "));
        String text = when + " " + acs + (tag.note() == null ? "" : " (note: \"" + tag.note() + "\")");
        return text.length() > 4000 ? text.substring(0, 3999) + "…" : text;
    }
}
