package app.earmark.search;

import app.earmark.base.AuditableEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar earmark.jar --earmark.search.reindex}: at start-up, empties the index and feeds it again from
 * every owner (the feed applies it in the background while Earmark runs).
 */
@Component
@ConditionalOnProperty(name = "earmark.search.reindex")
class SearchReindexCommand implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SearchReindexCommand.class);

    private final SearchFeed feed;
    private final SearchIndex index;
    private final ApplicationEventPublisher events;

    SearchReindexCommand(SearchFeed feed, SearchIndex index, ApplicationEventPublisher events) {
        this.feed = feed;
        this.index = index;
        this.events = events;
    }

    @Override
    public void run(ApplicationArguments args) {
        int subjects = feed.rebuild();
        events.publishEvent(new SearchEvents.SearchIndexRebuilt(AuditableEvent.SYSTEM, index.engine(), subjects));
        LOG.info("Search index emptied; {} discussions and result sheets queued to be indexed again", subjects);
    }
}
