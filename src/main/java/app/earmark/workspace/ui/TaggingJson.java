package app.earmark.workspace.ui;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.workspace.TagEvents.TagsChanged;
import app.earmark.workspace.TagView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON the tagging web components and the server exchange (see docs/workspace.md): the ACs with the
 * keys an assessor types, the tags, and tag requests and answers.
 */
final class TaggingJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();

    private TaggingJson() {
    }

    /** An AC as the components show it; {@code key} is what the assessor types. */
    record CriterionJson(long id, String key, String number, String unit, int lo, String loTitle, String text) {
    }

    record TagJson(long id, long version, long startMs, Long endMs, List<Long> criterionIds, String note,
            String createdBy, String updatedBy, Integer questionPosition) {

        static TagJson of(TagView tag) {
            return new TagJson(tag.id(), tag.version(), tag.startMs(), tag.endMs(), tag.criterionIds(), tag.note(),
                    tag.createdBy(), tag.updatedBy(), tag.questionPosition());
        }
    }

    /**
     * A tag as the component sends it; {@code id} and {@code version} only for changes, {@code questionPosition} only
     * for a new tag made from a planned question.
     */
    record TagRequest(Long id, Long version, Long startMs, Long endMs, Set<Long> criterionIds, String note,
            Integer questionPosition) {
    }

    /**
     * The AC numbers, qualified with the unit ("301/3.1") where two assessed units share a number, so
     * that what an assessor types always names one AC.
     */
    static String criteria(List<AssessedCriterion> criteria) {
        Map<String, Long> numbers = criteria.stream().collect(Collectors.groupingBy(AssessedCriterion::number,
                Collectors.counting()));
        return write(criteria.stream().map(c -> new CriterionJson(c.id(),
                numbers.get(c.number()) > 1 ? unitSuffix(c.unitCode()) + "/" + c.number() : c.number(), c.number(),
                c.unitCode(), c.loNumber(), c.loTitle(), c.text())).toList());
    }

    static String tags(List<TagView> tags) {
        return write(tags.stream().map(TagJson::of).toList());
    }

    /** One change pushed to open workspaces: {@code {"tag": {...}}}, or {@code {"deletedId": 12}}. */
    static String change(TagsChanged change) {
        return change.deleted() ? write(Map.of("deletedId", change.tagId()))
                : write(Map.of("tag", TagJson.of(change.tag())));
    }

    /** A question of the plan as the components show it. */
    record QuestionJson(int position, String text, List<Long> criterionIds) {
    }

    /**
     * The discussion's plan as the components show it: its questions with their ACs, and whether the
     * learner has it ({@code shared}, {@code acknowledged}).
     */
    record PlanJson(List<QuestionJson> questions, boolean shared, boolean acknowledged) {
    }

    static String plan(DiscussionPlan plan) {
        return write(new PlanJson(plan.questions().stream()
                .map(q -> new QuestionJson(q.position(), q.text(), q.criterionIds())).toList(), plan.shared(),
                plan.acknowledged()));
    }

    static TagRequest request(String json) {
        try {
            return JSON.readValue(json, TagRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The workspace sent a tag Earmark cannot read.", e);
        }
    }

    static String ok(TagView tag) {
        return write(Map.of("ok", true, "tag", TagJson.of(tag)));
    }

    static String ok() {
        return write(Map.of("ok", true));
    }

    static String ok(Map<String, Object> values) {
        var all = new java.util.HashMap<String, Object>(values);
        all.put("ok", true);
        return write(all);
    }

    static String refused(String message) {
        return write(Map.of("ok", false, "message", message));
    }

    private static String unitSuffix(String unitCode) {
        int dash = unitCode.lastIndexOf('-');
        return dash >= 0 ? unitCode.substring(dash + 1) : unitCode;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
