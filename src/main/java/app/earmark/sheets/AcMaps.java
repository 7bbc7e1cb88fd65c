package app.earmark.sheets;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * AC maps: of a discussion, for anyone who may see it (the discussions, recordings and tags services refuse
 * everyone else, and record the refusal); and of a result sheet, from the time counters beside its ACs (frozen
 * once it is signed).
 */
@Service
@Transactional(readOnly = true)
public class AcMaps {

    private final Discussions discussions;
    private final Recordings recordings;
    private final Tags tags;

    AcMaps(Discussions discussions, Recordings recordings, Tags tags) {
        this.discussions = discussions;
        this.recordings = recordings;
        this.tags = tags;
    }

    /**
     * The AC map of a discussion.
     *
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see the discussion (also
     *         for one that does not exist)
     */
    public AcMap of(long discussionId) {
        List<AssessedCriterion> criteria = discussions.criteria(discussionId);
        return build(discussionId, criteria, recordings.forDiscussion(discussionId), tags.forDiscussion(discussionId));
    }

    /** The map of a discussion from what the services returned; ACs get the unit's short code when there are several. */
    static AcMap build(long discussionId, List<AssessedCriterion> criteria, List<RecordingSummary> recordingList,
            List<TagView> tagList) {
        Map<Long, Integer> order = new HashMap<>();
        for (int i = 0; i < criteria.size(); i++) {
            order.put(criteria.get(i).id(), i);
        }
        Map<Long, String> keys = acKeys(criteria);
        Map<Long, Integer> recordingOrder = new HashMap<>();
        for (int i = 0; i < recordingList.size(); i++) {
            recordingOrder.put(recordingList.get(i).id(), i);
        }
        List<AcMap.Entry> entries = tagList.stream()
                .sorted(Comparator.comparing((TagView t) -> recordingOrder.getOrDefault(t.recordingId(), Integer.MAX_VALUE))
                        .thenComparing(TagView::recordingId).thenComparing(TagView::startMs).thenComparing(TagView::id))
                .map(t -> new AcMap.Entry(new TimeCounterRef(discussionId, t.recordingId(), t.id(), t.startMs(), t.endMs(),
                        t.note()), t.criterionIds().stream()
                        .sorted(Comparator.comparing(id -> order.getOrDefault(id, Integer.MAX_VALUE)))
                        .map(id -> keys.getOrDefault(id, "criterion " + id)).toList()))
                .toList();
        List<String> units = criteria.stream().map(AssessedCriterion::unitCode).distinct().toList();
        return new AcMap(discussionId, units, recordingList.stream()
                .map(r -> new AcMap.Recording(r.id(), r.originalName(), r.durationMillis())).toList(), entries);
    }

    /** "3.1" for a discussion of one unit; "501/3.1" for several (the full unit code where short ones would clash). */
    static Map<Long, String> acKeys(List<AssessedCriterion> criteria) {
        List<String> units = criteria.stream().map(AssessedCriterion::unitCode).distinct().toList();
        Map<String, String> prefixes = new HashMap<>();
        if (units.size() > 1) {
            Map<String, Long> shortCounts = units.stream().collect(Collectors.groupingBy(AcMaps::shortCode,
                    Collectors.counting()));
            units.forEach(u -> prefixes.put(u, (shortCounts.get(shortCode(u)) > 1 ? u : shortCode(u)) + "/"));
        }
        return criteria.stream().collect(Collectors.toMap(AssessedCriterion::id,
                c -> prefixes.getOrDefault(c.unitCode(), "") + c.number(), (a, b) -> a, LinkedHashMap::new));
    }

    /** "501" of "8580-501". */
    private static String shortCode(String unitCode) {
        int dash = unitCode.lastIndexOf('-');
        return dash < 0 || dash == unitCode.length() - 1 ? unitCode : unitCode.substring(dash + 1);
    }

    /**
     * The AC maps of a result sheet, one per discussion its time counters come from: each tag once, with the ACs of
     * the sheet's unit it is beside, in time order.
     */
    static List<AcMap> ofSheet(SheetView sheet) {
        Unit unit = sheet.unit();
        Map<Long, AssessmentCriterion> byId = unit.definition().criteria()
                .collect(Collectors.toMap(ac -> unit.criterionIds().get(ac.number()), Function.identity()));
        List<Long> criterionOrder = unit.definition().criteria().map(ac -> unit.criterionIds().get(ac.number())).toList();
        record Key(long discussionId, long tagId) {
        }
        Map<Key, TimeCounterRef> counters = new LinkedHashMap<>();
        Map<Key, List<Long>> criteriaOfTag = new HashMap<>();
        for (long criterionId : criterionOrder) {
            for (TimeCounterRef c : sheet.counters(criterionId)) {
                Key key = new Key(c.discussionId(), c.tagId());
                counters.putIfAbsent(key, c);
                criteriaOfTag.computeIfAbsent(key, k -> new ArrayList<>()).add(criterionId);
            }
        }
        Map<Long, List<AcMap.Entry>> byDiscussion = new java.util.TreeMap<>();
        counters.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Key, TimeCounterRef> e) -> e.getValue().discussionId())
                        .thenComparing(e -> e.getValue().recordingId()).thenComparing(e -> e.getValue().startMs())
                        .thenComparing(e -> e.getValue().tagId()))
                .forEach(e -> byDiscussion.computeIfAbsent(e.getKey().discussionId(), k -> new ArrayList<>())
                        .add(new AcMap.Entry(e.getValue(), criteriaOfTag.get(e.getKey()).stream()
                                .map(id -> byId.get(id).number()).toList())));
        return byDiscussion.entrySet().stream().map(e -> new AcMap(e.getKey(), List.of(unit.code()),
                e.getValue().stream().map(entry -> entry.at().recordingId()).distinct()
                        .map(id -> new AcMap.Recording(id, null, null)).toList(), e.getValue())).toList();
    }
}
