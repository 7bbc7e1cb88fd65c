package app.earmark.search;

import app.earmark.search.IndexStore.Layout;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SearchIndex} the application uses: the engine's live index answers every search, and while a new one
 * is built (a newer mapping version, or the administrator's rebuild) every change is written to both, so the new one
 * misses nothing and the old one stays current until it is switched out. Which index is live and which is building
 * is the engine's own record ({@link IndexStore}), read again on {@link #layout()} (each feed run), so a restart
 * carries on with the same build and other Earmark nodes on the same cluster follow it. A fresh install's first
 * index is live and building at once: searches find what is built so far.
 */
final class SearchIndexes implements SearchIndex, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexes.class);

    private final IndexStore store;
    private volatile String liveName;
    private volatile SearchIndex live;
    private volatile String buildingName;
    private volatile SearchIndex building;
    private volatile Layout layout;

    SearchIndexes(IndexStore store) {
        this.store = store;
    }

    /** The mapping version this code builds. */
    int mappingVersion() {
        return store.mappingVersion();
    }

    /**
     * Reads the engine's record again and opens what it names; with no index at all, creates the first one (live
     * and building).
     */
    synchronized Layout layout() {
        Layout now = store.layout();
        if (now.live() == null && now.building() == null) {
            String name = IndexStore.newName(store.mappingVersion());
            store.create(name, true);
            log.info("No {} search index yet: {} created, to be built from every discussion and result sheet",
                    store.engine(), name);
            now = store.layout();
        }
        follow(now);
        return now;
    }

    /** Opens the indexes the layout names, reusing those already open, and closes those it no longer names. */
    private void follow(Layout now) {
        SearchIndex oldLive = live;
        String oldLiveName = liveName;
        SearchIndex oldBuilding = building;
        String oldBuildingName = buildingName;
        SearchIndex newLive = now.live() == null ? null
                : now.live().equals(oldLiveName) ? oldLive
                : now.live().equals(oldBuildingName) ? oldBuilding : store.open(now.live());
        SearchIndex newBuilding = now.building() == null ? null
                : now.building().equals(now.live()) ? newLive
                : now.building().equals(oldBuildingName) ? oldBuilding
                : now.building().equals(oldLiveName) ? oldLive : store.open(now.building());
        live = newLive;
        liveName = now.live();
        building = newBuilding;
        buildingName = now.building();
        layout = now;
        closeUnless(oldLive, newLive, newBuilding);
        closeUnless(oldBuilding, newLive, newBuilding);
    }

    private static void closeUnless(SearchIndex index, SearchIndex keep1, SearchIndex keep2) {
        if (index != null && index != keep1 && index != keep2 && index instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing a search index that no longer answers failed: {}", e.toString());
            }
        }
    }

    /**
     * Starts building a new index for the current mapping version beside the live one (which keeps answering); an
     * unfinished build is dropped.
     *
     * @return the new index's name
     */
    synchronized String startBuild() {
        Layout now = layout();
        String name = IndexStore.newName(store.mappingVersion());
        store.create(name, false);
        Layout after = layout();
        if (now.building() != null && !now.building().equals(now.live())) {
            store.drop(now.building());
        }
        log.info("Building search index {} (mapping version {}) while {} answers", name, store.mappingVersion(),
                describe(after.live()));
        return name;
    }

    /** Makes a finished build the live index, atomically, and removes the old one. */
    synchronized void finishBuild(String name) {
        Layout now = layout();
        if (!name.equals(now.building())) {
            return;
        }
        // Refreshes and replicas as a live index has them (Elasticsearch fills a new index without either).
        store.built(name);
        // Everything written to it searchable before it answers (both engines refresh within a second otherwise).
        if (building instanceof LuceneSearchIndex lucene) {
            lucene.refresh();
        } else if (building instanceof ElasticsearchSearchIndex elasticsearch) {
            elasticsearch.refresh();
        }
        store.switchTo(name, now.live());
        layout();
        if (now.live() != null && !now.live().equals(name)) {
            store.drop(now.live());
        }
        log.info("Search index {} built and switched in{}", name,
                now.live() == null || now.live().equals(name) ? "" : " (" + describe(now.live()) + " removed)");
    }

    private static String describe(String name) {
        return name == null ? "nothing" : name.isEmpty() ? "the unversioned index" : name;
    }

    /**
     * Makes what was written to the index being built durable (Lucene commits every few seconds otherwise; an
     * Elasticsearch write is durable once acknowledged), so a build's cursor never runs ahead of its index.
     */
    void flushBuilding() {
        if (building instanceof LuceneSearchIndex lucene) {
            lucene.commitNow();
        }
    }

    /**
     * Makes everything written so far durable, in the live index and the one being built: the feed forgets a change's
     * outbox row only after this, so a crash never loses an applied change that Lucene had not yet committed.
     */
    void flush() {
        if (live() instanceof LuceneSearchIndex lucene) {
            lucene.commitNow();
        }
        flushBuilding();
    }

    private SearchIndex live() {
        SearchIndex current = live;
        if (current == null) {
            layout();
            current = live;
        }
        return current;
    }

    /** The index being built beside the live one, or null. */
    private SearchIndex alsoBuilding(SearchIndex current) {
        SearchIndex other = building;
        return other != null && other != current ? other : null;
    }

    @Override
    public void upsert(Collection<SearchDocument> documents) {
        SearchIndex current = live();
        current.upsert(documents);
        SearchIndex other = alsoBuilding(current);
        if (other != null) {
            other.upsert(documents);
        }
    }

    @Override
    public void delete(String id) {
        SearchIndex current = live();
        current.delete(id);
        SearchIndex other = alsoBuilding(current);
        if (other != null) {
            other.delete(id);
        }
    }

    @Override
    public void deleteDiscussion(long discussionId) {
        SearchIndex current = live();
        current.deleteDiscussion(discussionId);
        SearchIndex other = alsoBuilding(current);
        if (other != null) {
            other.deleteDiscussion(discussionId);
        }
    }

    @Override
    public long version(String id) {
        return live().version(id);
    }

    @Override
    public SearchResult search(SearchQuery query) {
        return live().search(query);
    }

    /** Empties the live index (tests): a rebuild is {@link #startBuild()}. */
    @Override
    public void clear() {
        live().clear();
    }

    @Override
    public String engine() {
        return store.engine();
    }

    /** Where the engine keeps its indexes. */
    IndexStore store() {
        return store;
    }

    /** The index that answers (tests). */
    SearchIndex liveIndex() {
        return live();
    }

    @Override
    public synchronized void close() {
        closeUnless(live, null, null);
        closeUnless(building, live, null);
        live = null;
        building = null;
        liveName = null;
        buildingName = null;
        store.close();
    }
}
