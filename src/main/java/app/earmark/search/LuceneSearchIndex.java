package app.earmark.search;

import app.earmark.search.SearchResult.FacetCount;
import app.earmark.search.SearchResult.Hit;
import app.earmark.search.SearchText.AcReference;
import app.earmark.search.SearchText.Clause;
import app.earmark.search.SearchText.ParsedQuery;
import app.earmark.search.SearchText.Phrase;
import app.earmark.search.SearchText.Word;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine: a Lucene index in a folder, near-real-time (a reopen thread makes changes searchable within
 * half a second), facets from sorted-set doc values (exact counts, no taxonomy index), committed every few seconds
 * and on close. Opened on first use, so an application that never searches never creates the folder.
 */
final class LuceneSearchIndex implements SearchIndex, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LuceneSearchIndex.class);
    private static final String SORT_DATE = "date_sort";
    /** The learner as a number (points and doc values), for the access filter. */
    private static final String LEARNER_ID = "learner_id";
    private static final long NOT_INDEXED = -1;
    private static final int MAX_PENDING = 100_000;
    /** Batches at least this large are written on two threads. */
    private static final int PARALLEL_BATCH = 200;
    /** A search never runs longer than this. */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(2);

    private final Path directory;
    private final FacetsConfig facetsConfig = new FacetsConfig();
    /** Versions written but perhaps not yet visible to a searcher (guarded by this). */
    private final Map<String, Long> pending = new HashMap<>();
    private volatile Open open;
    private volatile SortedSetDocValuesReaderState facetState;
    private volatile Learners learners;

    private record Open(FSDirectory directory, IndexWriter writer, SearcherManager searchers,
            ControlledRealTimeReopenThread<IndexSearcher> reopener, ScheduledExecutorService committer) {
    }

    LuceneSearchIndex(Path directory) {
        this.directory = directory;
        for (Facet facet : Facet.values()) {
            facetsConfig.setMultiValued(facet.field(), true);
            // Filters use the facet's own string field: no drill-down terms to index for every value.
            facetsConfig.setDrillDownTermsIndexing(facet.field(), FacetsConfig.DrillDownTermsIndexing.NONE);
        }
    }

    @Override
    public String engine() {
        return "lucene";
    }

    private Open open() {
        Open current = open;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (open == null) {
                try {
                    Files.createDirectories(directory);
                    var fs = FSDirectory.open(directory);
                    // A larger buffer than the default 16 MB: fewer, larger flushes while reindexing.
                    var config = new IndexWriterConfig(SearchText.ANALYZER)
                            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setRAMBufferSizeMB(64);
                    var writer = new IndexWriter(fs, config);
                    var searchers = new SearcherManager(writer, null);
                    var reopener = new ControlledRealTimeReopenThread<>(writer, searchers, 0.5, 0.05);
                    reopener.setName("lucene-search-reopen");
                    reopener.setDaemon(true);
                    reopener.start();
                    var committer = Executors.newSingleThreadScheduledExecutor(r -> {
                        var thread = new Thread(r, "lucene-search-commit");
                        thread.setDaemon(true);
                        return thread;
                    });
                    committer.scheduleWithFixedDelay(this::commit, 5, 5, TimeUnit.SECONDS);
                    open = new Open(fs, writer, searchers, reopener, committer);
                    log.info("Search index (Lucene) open in {}", directory.toAbsolutePath());
                } catch (IOException e) {
                    throw new SearchException.Unavailable("The search index in " + directory.toAbsolutePath()
                            + " cannot be opened: " + e.getMessage(), e);
                }
            }
            return open;
        }
    }

    private void commit() {
        Open current = open;
        try {
            if (current != null && current.writer().hasUncommittedChanges()) {
                current.writer().commit();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Committing the search index failed: {}", e.toString());
        }
    }

    /**
     * Makes every change so far durable now (a build's batch, before its cursor moves on; the feed's round, before
     * its outbox rows go), and searchable: the searcher is refreshed at once, not within the reopen thread's half
     * second, as a round may have waited for its turn (SearchFeed's spacing).
     */
    void commitNow() {
        Open current = open;
        try {
            if (current != null && current.writer().hasUncommittedChanges()) {
                current.writer().commit();
                current.searchers().maybeRefresh();
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public synchronized void upsert(Collection<SearchDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        Open index = open();
        try {
            // What to write: the newest version of each id, if newer than the indexed one, and whether an older one
            // is there to replace.
            var writes = new LinkedHashMap<String, Write>();
            IndexSearcher searcher = index.searchers().acquire();
            try {
                // One lookup per segment and batch (not a fresh terms enum per document and segment).
                var versions = new Versions(searcher.getIndexReader());
                for (SearchDocument document : documents) {
                    Write earlier = writes.get(document.id());
                    Long written = pending.get(document.id());
                    long indexed = earlier != null ? earlier.document().version()
                            : written != null ? written : versions.of(document.id());
                    if (document.version() > indexed) {
                        boolean replaces = earlier != null ? earlier.replaces() : indexed != NOT_INDEXED;
                        writes.put(document.id(), new Write(document, replaces));
                    }
                }
            } finally {
                index.searchers().release(searcher);
            }
            write(index.writer(), writes.values());
            if (pending.size() > MAX_PENDING) {
                index.searchers().maybeRefreshBlocking();
                pending.clear();
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** A document to write, replacing the indexed one of its id or added (nothing with its id is indexed). */
    private record Write(SearchDocument document, boolean replaces) {
    }

    /**
     * Writes documents of distinct ids, a large batch on two threads (the index writer takes documents from
     * several threads at once; analysing them is most of the work); what was written is noted in {@link #pending}
     * even if a later one fails.
     */
    private void write(IndexWriter writer, Collection<Write> writes) throws IOException {
        var done = new java.util.concurrent.ConcurrentLinkedQueue<SearchDocument>();
        try {
            if (writes.size() < PARALLEL_BATCH) {
                for (Write write : writes) {
                    write(writer, write);
                    done.add(write.document());
                }
            } else {
                writes.parallelStream().forEach(write -> {
                    try {
                        write(writer, write);
                        done.add(write.document());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            done.forEach(d -> pending.put(d.id(), d.version()));
        }
    }

    private void write(IndexWriter writer, Write write) throws IOException {
        Document document = facetsConfig.build(luceneDocument(write.document()));
        if (write.replaces()) {
            writer.updateDocument(new Term(DocumentFields.ID, write.document().id()), document);
        } else {
            // Nothing with this id is in the index (a delete of it, if any, is already buffered and applies only to
            // documents added before it): no delete term to resolve at every flush.
            writer.addDocument(document);
        }
    }

    /**
     * The indexed versions a searcher sees, looked up through one terms enum per segment (reused from id to id, as
     * a reindex looks up every document).
     */
    private static final class Versions {
        private final List<LeafReaderContext> leaves;
        private final TermsEnum[] terms;
        private final boolean[] opened;
        private PostingsEnum postings;

        Versions(IndexReader reader) {
            this.leaves = reader.leaves();
            this.terms = new TermsEnum[leaves.size()];
            this.opened = new boolean[leaves.size()];
        }

        long of(String id) throws IOException {
            var bytes = new BytesRef(id);
            for (int i = 0; i < leaves.size(); i++) {
                LeafReaderContext leaf = leaves.get(i);
                if (!opened[i]) {
                    opened[i] = true;
                    Terms field = leaf.reader().terms(DocumentFields.ID);
                    terms[i] = field == null ? null : field.iterator();
                }
                TermsEnum termsEnum = terms[i];
                if (termsEnum == null || !termsEnum.seekExact(bytes)) {
                    continue;
                }
                postings = termsEnum.postings(postings, PostingsEnum.NONE);
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        NumericDocValues versions = DocValues.getNumeric(leaf.reader(), DocumentFields.VERSION);
                        if (versions.advanceExact(doc)) {
                            return versions.longValue();
                        }
                    }
                }
            }
            return NOT_INDEXED;
        }
    }

    @Override
    public synchronized void delete(String id) {
        Open index = open();
        try {
            index.writer().deleteDocuments(new Term(DocumentFields.ID, id));
            pending.put(id, NOT_INDEXED);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public synchronized void deleteDiscussion(long discussionId) {
        Open index = open();
        try {
            index.writer().deleteDocuments(new Term(DocumentFields.DISCUSSION, Long.toString(discussionId)));
            // The deleted ids are not known here: make every write visible, so versions come from the searcher.
            index.searchers().maybeRefreshBlocking();
            pending.clear();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public synchronized void clear() {
        Open index = open();
        try {
            index.writer().deleteAll();
            index.writer().commit();
            index.searchers().maybeRefreshBlocking();
            pending.clear();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public synchronized long version(String id) {
        return version(open(), id);
    }

    private long version(Open index, String id) {
        Long written = pending.get(id);
        if (written != null) {
            return written;
        }
        try {
            IndexSearcher searcher = index.searchers().acquire();
            try {
                return new Versions(searcher.getIndexReader()).of(id);
            } finally {
                index.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** Makes every change so far searchable now (tests; the reopen thread does it within half a second). */
    void refresh() {
        try {
            open().searchers().maybeRefreshBlocking();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static Document luceneDocument(SearchDocument d) {
        var doc = new Document();
        doc.add(new StringField(DocumentFields.ID, d.id(), Field.Store.NO));
        doc.add(new SortedDocValuesField(DocumentFields.ID, new BytesRef(d.id())));
        doc.add(new NumericDocValuesField(DocumentFields.VERSION, d.version()));
        doc.add(new LongField(LEARNER_ID, d.learnerId(), Field.Store.NO));
        if (d.discussionId() != null) {
            doc.add(new StringField(DocumentFields.DISCUSSION, d.discussionId().toString(), Field.Store.NO));
        }
        doc.add(new TextField(DocumentFields.TITLE, DocumentFields.foldedTitle(d), Field.Store.NO));
        doc.add(new TextField(DocumentFields.TEXT, DocumentFields.foldedText(d), Field.Store.NO));
        doc.add(new TextField(DocumentFields.NAMES, DocumentFields.foldedNames(d), Field.Store.NO));
        DocumentFields.acKeys(d).forEach(k -> doc.add(new StringField(DocumentFields.AC_KEY, k, Field.Store.NO)));
        DocumentFields.acNumberKeys(d)
                .forEach(k -> doc.add(new StringField(DocumentFields.AC_NUMBER_KEY, k, Field.Store.NO)));
        long day = d.date().toEpochDay();
        doc.add(new LongPoint(DocumentFields.DATE, day));
        doc.add(new NumericDocValuesField(SORT_DATE, day));
        DocumentFields.facetValues(d).forEach((facet, values) -> values.forEach(value -> {
            doc.add(new StringField(facet.field(), value, Field.Store.NO));
            doc.add(new SortedSetDocValuesFacetField(facet.field(), value));
        }));
        doc.add(new StoredField(DocumentFields.SOURCE, DocumentFields.json(d)));
        return doc;
    }

    @Override
    public SearchResult search(SearchQuery query) {
        ParsedQuery parsed = SearchText.parse(query.text());
        if (query.visibleLearners().isEmpty()) {
            return new SearchResult(0, List.of(), Map.of());
        }
        Open index = open();
        try {
            IndexSearcher shared = index.searchers().acquire();
            try {
                // A searcher of its own for the time limit (the shared one serves every thread).
                var searcher = new IndexSearcher(shared.getIndexReader());
                searcher.setTimeout(new QueryTimeoutImpl(TIME_LIMIT.toMillis()));
                SearchResult result = search(searcher, query, parsed);
                if (searcher.timedOut()) {
                    throw new SearchException("The search took longer than " + TIME_LIMIT.toSeconds()
                            + " seconds and was stopped; narrow it with more words or filters.");
                }
                return result;
            } finally {
                index.searchers().release(shared);
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private SearchResult search(IndexSearcher searcher, SearchQuery query, ParsedQuery parsed) throws IOException {
        Query luceneQuery = luceneQuery(query, parsed, accessFilter(searcher.getIndexReader(), query));
        int wanted = (query.page() + 1) * query.pageSize();
        boolean relevance = query.sort() == SearchSort.RELEVANCE;
        var idOrder = new SortField(DocumentFields.ID, SortField.Type.STRING);
        Sort sort = relevance ? new Sort(SortField.FIELD_SCORE, idOrder)
                : new Sort(new SortField(SORT_DATE, SortField.Type.LONG, true), idOrder);
        var topManager = new TopFieldCollectorManager(sort, wanted, null, Integer.MAX_VALUE);
        var facetManager = new FacetsCollectorManager();
        Object[] collected = searcher.search(luceneQuery, new MultiCollectorManager(topManager, facetManager));
        TopDocs top = (TopDocs) collected[0];
        FacetsCollector facets = (FacetsCollector) collected[1];

        var hits = new ArrayList<Hit>();
        var stored = searcher.storedFields();
        for (int i = query.page() * query.pageSize(); i < top.scoreDocs.length; i++) {
            ScoreDoc scoreDoc = top.scoreDocs[i];
            SearchDocument document = DocumentFields.document(
                    stored.document(scoreDoc.doc).get(DocumentFields.SOURCE));
            float score = relevance ? ((Float) ((FieldDoc) scoreDoc).fields[0]) : 0f;
            hits.add(new Hit(document, score, Highlights.of(document, parsed)));
        }
        return new SearchResult(top.totalHits.value, Results.group(hits),
                facetCounts(searcher, facets, query.facetValues()));
    }

    private Map<Facet, List<FacetCount>> facetCounts(IndexSearcher searcher, FacetsCollector collector,
            int facetValues) throws IOException {
        var counts = new EnumMap<Facet, List<FacetCount>>(Facet.class);
        if (collector.getMatchingDocs().stream().allMatch(m -> m.totalHits == 0)) {
            return counts;
        }
        SortedSetDocValuesReaderState state = facetState(searcher.getIndexReader());
        var facets = new SortedSetDocValuesFacetCounts(state, collector);
        for (Facet facet : Facet.values()) {
            FacetResult result;
            try {
                // The most frequent first; ties by value, as Elasticsearch's terms aggregation breaks them.
                result = facetValues >= SearchQuery.MAX_FACET_VALUES ? facets.getAllChildren(facet.field())
                        : facets.getTopChildren(facetValues, facet.field());
            } catch (IllegalArgumentException notIndexedYet) {
                result = null;
            }
            if (result != null) {
                var values = new ArrayList<FacetCount>();
                for (LabelAndValue lv : result.labelValues) {
                    if (lv.value.longValue() > 0) {
                        values.add(new FacetCount(lv.label, lv.value.longValue()));
                    }
                }
                if (!values.isEmpty()) {
                    counts.put(facet, Results.sorted(values));
                }
            }
        }
        return counts;
    }

    /** The facets' ordinals for a reader, built once per reader (it is costly on a large index). */
    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        SortedSetDocValuesReaderState state = facetState;
        if (state == null || state.getReader() != reader) {
            state = new DefaultSortedSetDocValuesReaderState(reader, facetsConfig);
            facetState = state;
        }
        return state;
    }

    /**
     * The learners a reader holds documents of, and whether every segment has their numeric field (an index written
     * before it had none), found once per reader.
     */
    private record Learners(IndexReader reader, Set<Long> ids, boolean numeric) {
    }

    private Learners learners(IndexReader reader) throws IOException {
        Learners known = learners;
        if (known != null && known.reader() == reader) {
            return known;
        }
        var ids = new HashSet<Long>();
        boolean numeric = true;
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(Facet.LEARNER.field());
            if (terms != null) {
                TermsEnum termsEnum = terms.iterator();
                for (BytesRef term = termsEnum.next(); term != null; term = termsEnum.next()) {
                    ids.add(Long.parseLong(term.utf8ToString()));
                }
            }
            var info = leaf.reader().getFieldInfos().fieldInfo(LEARNER_ID);
            numeric &= leaf.reader().maxDoc() == 0 || (info != null && info.getPointDimensionCount() == 1);
        }
        known = new Learners(reader, Set.copyOf(ids), numeric);
        learners = known;
        return known;
    }

    /**
     * The access filter for this reader: none when the person may see every learner the reader holds documents of
     * (it would exclude nothing; the reader is the one searched, so nothing added since can slip through), else the
     * learner ids as a points-or-doc-values set query (doc values when the words already select few documents), or
     * terms on an index written before the numeric field existed.
     */
    private Query accessFilter(IndexReader reader, SearchQuery query) throws IOException {
        Learners held = learners(reader);
        Set<Long> visible = query.visibleLearners();
        if (visible.containsAll(held.ids())) {
            return null;
        }
        if (held.numeric()) {
            return LongField.newSetQuery(LEARNER_ID, visible.stream().mapToLong(Long::longValue).toArray());
        }
        return terms(Facet.LEARNER.field(), visible.stream().map(String::valueOf).toList());
    }

    static Query luceneQuery(SearchQuery query, ParsedQuery parsed, Query accessFilter) {
        var bool = new BooleanQuery.Builder();
        if (parsed.isEmpty()) {
            bool.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        for (Clause clause : parsed.clauses()) {
            bool.add(clauseQuery(clause), Occur.MUST);
        }
        if (accessFilter != null) {
            bool.add(accessFilter, Occur.FILTER);
        }
        query.filters().forEach((facet, values) -> bool.add(terms(facet.field(), values), Occur.FILTER));
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochDay();
            long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochDay();
            bool.add(LongPoint.newRangeQuery(DocumentFields.DATE, from, to), Occur.FILTER);
        }
        return bool.build();
    }

    private static Query clauseQuery(Clause clause) {
        var anyField = new BooleanQuery.Builder();
        if (clause instanceof Word word) {
            for (String field : DocumentFields.TEXT_FIELDS) {
                Term term = new Term(field, word.term());
                anyField.add(new TermQuery(term), Occur.SHOULD);
                if (word.prefix()) {
                    // Constant-scored: the whole word still ranks by relevance while longer words also match.
                    anyField.add(new PrefixQuery(term), Occur.SHOULD);
                }
            }
        } else if (clause instanceof Phrase phrase) {
            for (String field : DocumentFields.TEXT_FIELDS) {
                anyField.add(new PhraseQuery(field, phrase.terms().toArray(String[]::new)), Occur.SHOULD);
            }
        } else if (clause instanceof AcReference ac) {
            anyField.add(new TermQuery(new Term(ac.unit() == null ? DocumentFields.AC_NUMBER_KEY
                    : DocumentFields.AC_KEY, ac.key())), Occur.SHOULD);
            List<String> terms = DocumentFields.acTextTerms(ac);
            for (String field : DocumentFields.TEXT_FIELDS) {
                anyField.add(terms.size() == 1 ? new TermQuery(new Term(field, terms.get(0)))
                        : new PhraseQuery(field, terms.toArray(String[]::new)), Occur.SHOULD);
            }
        }
        return anyField.build();
    }

    private static Query terms(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private SearchException.Unavailable unavailable(IOException e) {
        return new SearchException.Unavailable("The search index in " + directory.toAbsolutePath()
                + " failed: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        Open current = open;
        if (current == null) {
            return;
        }
        open = null;
        // A commit under way is let finish: Lucene's writer does not survive an interrupt in the middle of its I/O
        // (ClosedByInterruptException is a tragic error: "this writer hit an unrecoverable error").
        current.committer().shutdown();
        try {
            current.committer().awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.reopener().close();
        try {
            current.searchers().close();
            current.writer().close();
            current.directory().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Closing the search index failed", e);
        }
    }
}
