package app.earmark.search;

import app.earmark.people.People;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Searching as the signed-in person: the learners {@link People} lets them see are the query's mandatory set (a
 * learner their own, an assessor their learners, an IQA their assessors' learners, an EQA their grants in force,
 * an administrator all), so hits, totals and facet counts hold nothing else. Every search is audited, and timed in
 * the metric {@code earmark.search.latency} (tagged with the engine and whether it answered).
 */
@Service
public class Search {

    private final SearchIndex index;
    private final SearchFeed feed;
    private final People people;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    Search(SearchIndex index, SearchFeed feed, People people, CurrentUser currentUser,
            ApplicationEventPublisher events, MeterRegistry meters) {
        this.meters = meters;
        this.index = index;
        this.feed = feed;
        this.people = people;
        this.currentUser = currentUser;
        this.events = events;
    }

    /**
     * Runs a search limited to what the signed-in person may see, whatever {@code query.visibleLearners()} says.
     *
     * @throws SearchException with a message for the person (bad input, or the engine unavailable)
     */
    public SearchResult search(String text, Map<Facet, Set<String>> filters, LocalDate from, LocalDate to,
            SearchSort sort, int page, int pageSize) {
        currentUser.require();
        String clean = text == null ? "" : text;
        if (clean.length() > SearchQuery.MAX_TEXT) {
            throw new SearchException("A search can be at most " + SearchQuery.MAX_TEXT
                    + " characters long; this one has " + clean.length() + ".");
        }
        SearchQuery query = new SearchQuery(clean, filters, from, to, sort, page, pageSize,
                people.visibleLearnerIds(), SearchQuery.FACET_VALUES_SHOWN);
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        SearchResult result;
        try {
            result = index.search(query);
            outcome = "answered";
        } finally {
            sample.stop(Timer.builder("earmark.search.latency").description("Searches in the search engine")
                    .tag("engine", index.engine()).tag("outcome", outcome).register(meters));
        }
        events.publishEvent(new SearchEvents.SearchPerformed(currentUser.actorName(), clean.strip(),
                describe(query), result.total()));
        return result;
    }

    /**
     * Starts building a new index from every owner beside the live one, which keeps answering until the new one is
     * switched in (audited when it starts and when it is switched in).
     */
    @RolesAllowed(Role.Name.ADMIN)
    public IndexStatus.Build rebuild() {
        return feed.rebuild(currentUser.actorName());
    }

    /** The index's state: which one answers, the build in progress with its progress, the last one switched in. */
    @RolesAllowed(Role.Name.ADMIN)
    public IndexStatus status() {
        return feed.status();
    }

    /** How many changes wait to be indexed (0 when the index is up to date). */
    public long backlog() {
        return feed.backlog();
    }

    private static String describe(SearchQuery query) {
        StringJoiner out = new StringJoiner("; ");
        query.filters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(e.getKey().field() + "=" + new TreeSet<>(e.getValue())));
        if (query.from() != null) {
            out.add("from=" + query.from());
        }
        if (query.to() != null) {
            out.add("to=" + query.to());
        }
        if (query.sort() != SearchSort.RELEVANCE) {
            out.add("sort=" + query.sort().name().toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }
}
