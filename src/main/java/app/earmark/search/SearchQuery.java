package app.earmark.search;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A search. The text is searched as written: words (all must match, in any text field or name), "quoted phrases",
 * AC numbers ({@code 2.3}, {@code 502/2.3}, {@code AC 2.3}), a last word still being typed matched as a prefix, a
 * word ending in {@code *} matched as a prefix. Nothing in it is syntax that can fail: a lone quote, {@code AND} or
 * {@code *} are searched literally or ignored. Empty text lists everything the filters let through.
 *
 * @param text             what was typed (at most {@value #MAX_TEXT} characters; control characters count as spaces)
 * @param filters          per facet, the values any of which a hit must have (facets are combined with AND)
 * @param from             first day, inclusive, or null
 * @param to               last day, inclusive, or null
 * @param sort             relevance or date
 * @param page             0-based page of hits
 * @param pageSize         hits per page, 1 to {@value #MAX_PAGE_SIZE}
 * @param visibleLearners  MANDATORY: the learners the person may see ({@code People}); applied inside the engine, so
 *                         hits, totals and facet counts never include anything else. Empty finds nothing.
 * @param facetValues      how many values of each facet to count and return: the most frequent, 1 to
 *                         {@value #MAX_FACET_VALUES} (every value, {@link #of}'s default); the counts are exact either way
 */
public record SearchQuery(String text, Map<Facet, Set<String>> filters, LocalDate from, LocalDate to,
        SearchSort sort, int page, int pageSize, Set<Long> visibleLearners, int facetValues) {

    public static final int MAX_TEXT = 500;
    public static final int MAX_PAGE_SIZE = 100;
    /** Hits deeper than this are not paged to (narrow the search instead). */
    public static final int MAX_DEPTH = 10_000;
    /** Values of a facet counted at most (a centre has at most a few thousand learners). */
    public static final int MAX_FACET_VALUES = 10_000;
    /** Values of each facet the search page shows: the most frequent (a chosen value is always shown too). */
    public static final int FACET_VALUES_SHOWN = 20;

    public SearchQuery {
        Objects.requireNonNull(visibleLearners,
                "A search needs the set of learners the person may see (People.visibleLearnerIds())");
        visibleLearners = Set.copyOf(visibleLearners);
        text = text == null ? "" : text;
        if (text.length() > MAX_TEXT) {
            throw new SearchException("A search can be at most " + MAX_TEXT + " characters long; this one has "
                    + text.length() + ".");
        }
        var copied = new EnumMap<Facet, Set<String>>(Facet.class);
        if (filters != null) {
            filters.forEach((facet, values) -> {
                if (facet != null && values != null && !values.isEmpty()) {
                    copied.put(facet, Set.copyOf(values));
                }
            });
        }
        filters = Map.copyOf(copied);
        if (from != null && to != null && from.isAfter(to)) {
            throw new SearchException("The date range is backwards: from " + from + " is after to " + to + ".");
        }
        sort = sort == null ? SearchSort.RELEVANCE : sort;
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new SearchException("A page holds 1 to " + MAX_PAGE_SIZE + " hits, not " + pageSize + ".");
        }
        if (page < 0) {
            throw new SearchException("Pages are counted from 0, not " + page + ".");
        }
        if (facetValues < 1 || facetValues > MAX_FACET_VALUES) {
            throw new SearchException("A facet shows 1 to " + MAX_FACET_VALUES + " values, not " + facetValues + ".");
        }
        if ((long) (page + 1) * pageSize > MAX_DEPTH) {
            throw new SearchException("Only the first " + MAX_DEPTH + " hits can be paged through; narrow the"
                    + " search with filters.");
        }
    }

    /** The first page of 20 hits for {@code text}, by relevance, without filters, with every value of each facet. */
    public static SearchQuery of(String text, Set<Long> visibleLearners) {
        return new SearchQuery(text, Map.of(), null, null, SearchSort.RELEVANCE, 0, 20, visibleLearners,
                MAX_FACET_VALUES);
    }

    public SearchQuery withFilter(Facet facet, String... values) {
        var changed = new EnumMap<Facet, Set<String>>(Facet.class);
        changed.putAll(filters);
        changed.put(facet, Set.of(values));
        return new SearchQuery(text, changed, from, to, sort, page, pageSize, visibleLearners, facetValues);
    }

    public SearchQuery withDates(LocalDate newFrom, LocalDate newTo) {
        return new SearchQuery(text, filters, newFrom, newTo, sort, page, pageSize, visibleLearners, facetValues);
    }

    public SearchQuery withSort(SearchSort newSort) {
        return new SearchQuery(text, filters, from, to, newSort, page, pageSize, visibleLearners, facetValues);
    }

    public SearchQuery withPage(int newPage, int newPageSize) {
        return new SearchQuery(text, filters, from, to, sort, newPage, newPageSize, visibleLearners, facetValues);
    }

    /** Only the {@code newFacetValues} most frequent values of each facet, as the search page shows them. */
    public SearchQuery withFacetValues(int newFacetValues) {
        return new SearchQuery(text, filters, from, to, sort, page, pageSize, visibleLearners, newFacetValues);
    }
}
