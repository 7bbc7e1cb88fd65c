package app.earmark.search;

import app.earmark.base.AuditableEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar earmark.jar --earmark.search.reindex}: at start-up, starts building a new index from every owner
 * beside the live one; Earmark then runs as usual, the live index answering until the new one is built and switched
 * in (in the background, progress on {@code /search} for the administrator and in the log).
 */
@Component
@ConditionalOnProperty(name = "earmark.search.reindex")
class SearchReindexCommand implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SearchReindexCommand.class);

    private final SearchFeed feed;

    SearchReindexCommand(SearchFeed feed) {
        this.feed = feed;
    }

    @Override
    public void run(ApplicationArguments args) {
        IndexStatus.Build build;
        try {
            build = feed.rebuild(AuditableEvent.SYSTEM);
        } catch (SearchException.Unavailable e) {
            // Earmark still starts: search waits for the engine, and the rebuild can be started again from /search.
            LOG.error("--earmark.search.reindex: the rebuild could not start, the search engine is unavailable ({});"
                    + " start it from /search (Rebuild the search index) when the engine is back", e.getMessage());
            return;
        }
        LOG.info("--earmark.search.reindex: building search index {} from {} discussions and result sheets; the"
                + " current index answers until it is switched in", build.index(), build.total());
    }
}
