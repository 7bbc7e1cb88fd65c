package app.earmark.search;

import java.util.Collection;

/**
 * A search engine holding copies of the evidence. Both engines ({@code LuceneSearchIndex}, embedded, and
 * {@code ElasticsearchSearchIndex}) pass the same contract tests. Changes are searchable within a second of the
 * call returning. Every method throws {@link SearchException.Unavailable} when the engine cannot be reached.
 */
public interface SearchIndex {

    /**
     * Adds or replaces documents by id. Idempotent: a document whose version is lower than the indexed one's is
     * ignored; the same version again changes nothing that a search can tell.
     */
    void upsert(Collection<SearchDocument> documents);

    /** Removes a document by id; removing one that is not there does nothing. */
    void delete(String id);

    /** Removes every document of a discussion. */
    void deleteDiscussion(long discussionId);

    /** The indexed version of a document, or -1 when it is not indexed. */
    long version(String id);

    /** Runs a search, limited to {@link SearchQuery#visibleLearners()} inside the engine. */
    SearchResult search(SearchQuery query);

    /** Removes every document (before a full reindex, and between tests). */
    void clear();

    /** The engine's name for logs and the administrator ("lucene", "elasticsearch"). */
    String engine();
}
