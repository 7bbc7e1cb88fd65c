package app.earmark.search;

import app.earmark.search.SearchResult.FacetCount;
import app.earmark.search.SearchResult.Hit;
import app.earmark.search.SearchResult.HitGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembling a result the same way for both engines. */
final class Results {

    /** Most frequent first, then by value, so both engines list facets identically. */
    static final Comparator<FacetCount> FACET_ORDER = Comparator.comparingLong(FacetCount::count).reversed()
            .thenComparing(FacetCount::value);

    private Results() {
    }

    /** Groups a page's hits by discussion, groups in the order of their first hit; hits without one stay alone. */
    static List<HitGroup> group(List<Hit> hits) {
        var groups = new LinkedHashMap<Object, List<Hit>>();
        for (Hit hit : hits) {
            Long discussion = hit.document().discussionId();
            Object key = discussion == null ? hit.document().id() : discussion;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(hit);
        }
        var result = new ArrayList<HitGroup>();
        for (Map.Entry<Object, List<Hit>> entry : groups.entrySet()) {
            SearchDocument first = entry.getValue().get(0).document();
            String title = entry.getValue().stream().map(h -> h.document().title())
                    .filter(t -> t != null && !t.isBlank()).findFirst().orElse(null);
            result.add(new HitGroup(first.discussionId(), title, entry.getValue()));
        }
        return result;
    }

    static List<FacetCount> sorted(List<FacetCount> counts) {
        var sorted = new ArrayList<>(counts);
        sorted.sort(FACET_ORDER);
        return sorted;
    }
}
