package app.earmark.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchQuery}.
 *
 * @param total  exact number of matching documents (under the access filter and every filter)
 * @param groups the page's hits, grouped by discussion in the order of each discussion's best hit on the page
 * @param facets per facet, every value among the matching documents with its exact count, most frequent first
 *               (ties by value); a document with several units or ACs counts once for each
 */
public record SearchResult(long total, List<HitGroup> groups, Map<Facet, List<FacetCount>> facets) {

    public SearchResult {
        groups = List.copyOf(groups);
        facets = Map.copyOf(facets);
    }

    /** All hits of the page in their order. */
    public List<Hit> hits() {
        return groups.stream().flatMap(g -> g.hits().stream()).toList();
    }

    /** The counts of one facet (empty when nothing matches). */
    public List<FacetCount> facet(Facet facet) {
        return facets.getOrDefault(facet, List.of());
    }

    /** The hits of one discussion on this page ({@code discussionId} null for hits without a discussion). */
    public record HitGroup(Long discussionId, String title, List<Hit> hits) {
        public HitGroup {
            hits = List.copyOf(hits);
        }
    }

    /** One matching document, its score (relevance sort only, else 0) and its highlighted fragments. */
    public record Hit(SearchDocument document, float score, List<Fragment> fragments) {
        public Hit {
            fragments = List.copyOf(fragments);
        }
    }

    /** A value of a facet and how many matching documents have it. */
    public record FacetCount(String value, long count) {
    }

    /**
     * A piece of a text field ({@code title}, {@code text}, {@code learner}, {@code assessor}) with the matched
     * words marked; the text is as written (accents and case kept), never HTML.
     */
    public record Fragment(String field, List<Part> parts) {
        public Fragment {
            parts = List.copyOf(parts);
        }

        /** The fragment's text without marks. */
        public String plain() {
            var out = new StringBuilder();
            parts.forEach(p -> out.append(p.text()));
            return out.toString();
        }

        /** The fragment with matches in {@code [brackets]}, for tests and logs. */
        public String marked() {
            var out = new StringBuilder();
            parts.forEach(p -> out.append(p.match() ? "[" + p.text() + "]" : p.text()));
            return out.toString();
        }

        /** The fragment as HTML: text escaped, matches in {@code <mark>}. */
        public String html() {
            var out = new StringBuilder();
            for (Part p : parts) {
                String escaped = p.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&quot;");
                out.append(p.match() ? "<mark>" + escaped + "</mark>" : escaped);
            }
            return out.toString();
        }
    }

    /** Text of a fragment, matched or not. */
    public record Part(String text, boolean match) {
    }
}
