package app.earmark.search;

import app.earmark.search.SearchResult.FacetCount;
import app.earmark.search.SearchText.AcReference;
import app.earmark.search.SearchText.Clause;
import app.earmark.search.SearchText.ParsedQuery;
import app.earmark.search.SearchText.Phrase;
import app.earmark.search.SearchText.Word;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine for centres with several Earmark nodes: an Elasticsearch 8.x cluster through the official Java client.
 * One index per mapping version and build ({@code <prefix>-evidence-v1-…}, made and switched by
 * {@link ElasticsearchIndexStore}) behind an alias ({@code <prefix>-evidence}), one
 * shard (so terms aggregations count exactly), refreshed every 500 ms. Only what every distribution has is used
 * (the standard analyzer; accents are folded by {@link SearchText}); versions are Elasticsearch's external
 * versions, so an older version is refused by the cluster itself. Nothing is created until first use, so Earmark
 * starts while the cluster is down.
 */
final class ElasticsearchSearchIndex implements SearchIndex, AutoCloseable {

    /**
     * Bump whenever elasticsearch-index.json or the document fields change: a rebuild follows at start-up. 2: an AC
     * is also keyed by its unit's own number ({@code 502/2.3} for {@code 8580-502/2.3}). 3: the learner's id is also
     * a number ({@code learner_id}), which the access filter uses, and {@code _source} keeps only the document (the fetch
     * reads and sends half as much, unfiltered).
     */
    static final int MAPPING_VERSION = 3;
    /** The numeric learner id the access filter uses (mapping version 3 on). */
    static final String LEARNER_ID = "learner_id";
    /**
     * The access filter is a range of learner ids less the ids in it the person may not see when there are at most
     * this many of those (and fewer than the ids they may see), else the ids themselves.
     */
    static final int MAX_EXCLUDED = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSearchIndex.class);
    private static final int CONFLICT = 409;

    private final SearchProperties.Elasticsearch settings;
    private final RestClient restClient;
    private final ElasticsearchClient client;
    private final String alias;
    private final String indexName;
    private final boolean selfCreated;
    private volatile boolean indexReady;
    /** Whether the index has the numeric {@link #LEARNER_ID} (read from its mapping once); null until known. */
    private volatile Boolean numericLearner;

    ElasticsearchSearchIndex(SearchProperties.Elasticsearch settings) {
        this(settings, settings.indexPrefix() + "-evidence", true);
    }

    /**
     * An index whose creation and alias {@link ElasticsearchIndexStore} manages: reads and writes go straight to
     * the index {@code name}, which must exist.
     */
    static ElasticsearchSearchIndex managed(SearchProperties.Elasticsearch settings, String name) {
        return new ElasticsearchSearchIndex(settings, name, false);
    }

    /**
     * @param alias       what reads and writes go through: the alias (self-created, {@code <alias>-v1} behind it), or
     *                    the concrete index when the store manages it
     * @param selfCreated whether this instance creates its index and alias on first use
     */
    private ElasticsearchSearchIndex(SearchProperties.Elasticsearch settings, String alias, boolean selfCreated) {
        this.settings = settings;
        this.alias = alias;
        this.indexName = selfCreated ? alias + "-v1" : alias; // as the first release, before managed builds, named it
        this.indexReady = !selfCreated;
        this.selfCreated = selfCreated;
        this.restClient = restClient(settings);
        this.client = new ElasticsearchClient(
                new RestClientTransport(restClient, new JacksonJsonpMapper(DocumentFields.JSON)));
    }

    /** A low-level client for the cluster with the configured hosts, timeouts, authorization and CA. */
    static RestClient restClient(SearchProperties.Elasticsearch settings) {
        var hosts = settings.urls().stream().map(ElasticsearchSearchIndex::host).toArray(HttpHost[]::new);
        var builder = RestClient.builder(hosts).setRequestConfigCallback(config -> config
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setSocketTimeout((int) settings.socketTimeout().toMillis()));
        Header authorization = authorization(settings);
        if (authorization != null) {
            builder.setDefaultHeaders(new Header[] {authorization});
        }
        if (settings.caCertificate() != null) {
            SSLContext ssl;
            try {
                ssl = TransportUtils.sslContextFromHttpCaCrt(settings.caCertificate().toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("earmark.search.elasticsearch.ca-certificate cannot be read: "
                        + settings.caCertificate() + " (" + e.getMessage() + ")", e);
            }
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(ssl));
        }
        return builder.build();
    }

    private static HttpHost host(URI url) {
        if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("earmark.search.elasticsearch.urls must be http(s) URLs: " + url);
        }
        return new HttpHost(url.getHost(), url.getPort() < 0 ? 9200 : url.getPort(), url.getScheme());
    }

    private static Header authorization(SearchProperties.Elasticsearch settings) {
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            return new BasicHeader("Authorization", "ApiKey " + settings.apiKey());
        }
        if (settings.username() != null && !settings.username().isBlank()) {
            String pair = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
            return new BasicHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return null;
    }

    @Override
    public String engine() {
        return "elasticsearch";
    }

    /** The alias searches and writes go through. */
    String alias() {
        return alias;
    }

    /** A call to the cluster. */
    interface Call<T> {
        T run() throws IOException;
    }

    private <T> T call(String what, Call<T> call) {
        return call(settings, what, call);
    }

    /** Runs a call to the cluster at {@code settings}; a failure says, for a person, that {@code what} failed. */
    static <T> T call(SearchProperties.Elasticsearch settings, String what, Call<T> call) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            throw new SearchException.Unavailable("Search is unavailable: Elasticsearch refused to " + what + " ("
                    + e.response().error().type() + ": " + e.response().error().reason() + ")", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SearchException searchException) {
                throw searchException;
            }
            throw new SearchException.Unavailable("Search is unavailable: Elasticsearch at " + settings.urls()
                    + " could not " + what + " (" + e.getMessage() + ")", e);
        }
    }

    private void ensureIndex() {
        if (indexReady) {
            return;
        }
        synchronized (this) {
            if (indexReady) {
                return;
            }
            call("create the search index", () -> {
                if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                    create();
                }
                return null;
            });
            indexReady = true;
        }
    }

    /** The index's settings and mapping ({@code search/elasticsearch-index.json}) with the configured replicas. */
    static String indexBody(SearchProperties.Elasticsearch settings) throws IOException {
        try (InputStream in = ElasticsearchSearchIndex.class.getResourceAsStream("/search/elasticsearch-index.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"${replicas}\"", Integer.toString(settings.replicas()));
        }
    }

    private void create() throws IOException {
        String body = indexBody(settings);
        try {
            client.indices().create(c -> c.index(indexName)
                    .withJson(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                    .aliases(alias, a -> a));
            log.info("Search index {} created (alias {})", indexName, alias);
        } catch (ElasticsearchException e) {
            // Another Earmark node created it first.
            if (!"resource_already_exists_exception".equals(e.response().error().type())) {
                throw e;
            }
        }
    }

    @Override
    public void upsert(Collection<SearchDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        ensureIndex();
        var operations = new ArrayList<BulkOperation>();
        for (SearchDocument d : documents) {
            Map<String, Object> source = source(d);
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(alias).id(d.id())
                    .versionType(VersionType.External).version(d.version()).document(source))));
        }
        BulkResponse response = call("index documents", () -> client.bulk(b -> b.operations(operations)));
        failOnErrors(response);
    }

    private static void failOnErrors(BulkResponse response) {
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            // A version conflict is an older (or the same) version arriving late: ignored, by design.
            if (item.error() != null && item.status() != CONFLICT) {
                throw new SearchException.Unavailable("Search is unavailable: Elasticsearch refused document "
                        + item.id() + " (" + item.error().type() + ": " + item.error().reason() + ")", null);
            }
        }
    }

    private static Map<String, Object> source(SearchDocument d) {
        var source = new LinkedHashMap<String, Object>();
        source.put(DocumentFields.ID, d.id());
        if (d.discussionId() != null) {
            source.put(DocumentFields.DISCUSSION, d.discussionId().toString());
        }
        source.put(DocumentFields.TITLE, DocumentFields.foldedTitle(d));
        source.put(DocumentFields.TEXT, DocumentFields.foldedText(d));
        source.put(DocumentFields.NAMES, DocumentFields.foldedNames(d));
        source.put(DocumentFields.AC_KEY, List.copyOf(DocumentFields.acKeys(d)));
        source.put(DocumentFields.AC_NUMBER_KEY, List.copyOf(DocumentFields.acNumberKeys(d)));
        source.put(DocumentFields.DATE, d.date().toEpochDay());
        source.put(LEARNER_ID, d.learnerId());
        DocumentFields.facetValues(d).forEach((facet, values) -> source.put(facet.field(), values));
        source.put(DocumentFields.SOURCE, DocumentFields.JSON.convertValue(d, Map.class));
        return source;
    }

    @Override
    public void delete(String id) {
        ensureIndex();
        long version = version(id);
        if (version < 0) {
            return;
        }
        // The tombstone keeps the deleted version: a late copy of it (or older) is refused, a newer one indexed.
        var response = call("delete a document", () -> client.bulk(b -> b.operations(o -> o.delete(x -> x
                .index(alias).id(id).versionType(VersionType.ExternalGte).version(version)))));
        failOnErrors(response);
    }

    @Override
    public void deleteDiscussion(long discussionId) {
        ensureIndex();
        // No delete-by-query in every distribution (the integ-test one lacks the reindex module): find, then delete.
        // Found after a refresh: an index being built does not refresh by itself, and one that does might not yet
        // show the last half second's documents.
        refresh();
        while (true) {
            SearchResponse<ObjectNode> found = call("find a discussion's documents", () -> client.search(s -> s
                    .index(alias).size(1000).version(true).source(src -> src.fetch(false))
                    .query(q -> q.term(t -> t.field(DocumentFields.DISCUSSION).value(Long.toString(discussionId)))),
                    ObjectNode.class));
            if (found.hits().hits().isEmpty()) {
                return;
            }
            var operations = new ArrayList<BulkOperation>();
            for (Hit<ObjectNode> hit : found.hits().hits()) {
                operations.add(BulkOperation.of(o -> o.delete(x -> x.index(alias).id(hit.id())
                        .versionType(VersionType.ExternalGte).version(hit.version()))));
            }
            failOnErrors(call("delete a discussion's documents", () -> client.bulk(b -> b.operations(operations)
                    .refresh(co.elastic.clients.elasticsearch._types.Refresh.True))));
        }
    }

    @Override
    public long version(String id) {
        ensureIndex();
        var response = call("read a document's version",
                () -> client.get(g -> g.index(alias).id(id).source(src -> src.fetch(false)), ObjectNode.class));
        return response.found() && response.version() != null ? response.version() : -1;
    }

    @Override
    public void clear() {
        if (!selfCreated) {
            throw new UnsupportedOperationException("A managed index is replaced by a rebuild, not cleared");
        }
        call("clear the search index", () -> {
            if (client.indices().exists(e -> e.index(indexName)).value()) {
                client.indices().delete(d -> d.index(indexName));
            }
            return null;
        });
        indexReady = false;
        numericLearner = null;
        ensureIndex();
    }

    /** Makes every change so far searchable now (tests; the refresh interval does it within half a second). */
    void refresh() {
        ensureIndex();
        call("refresh the search index", () -> client.indices().refresh(r -> r.index(alias)));
    }

    @Override
    public SearchResult search(SearchQuery query) {
        ParsedQuery parsed = SearchText.parse(query.text());
        if (query.visibleLearners().isEmpty()) {
            return new SearchResult(0, List.of(), Map.of());
        }
        ensureIndex();
        boolean relevance = query.sort() == SearchSort.RELEVANCE;
        SearchRequest request = request(query, parsed);
        SearchResponse<ObjectNode> response = call("search", () -> client.search(request, ObjectNode.class));

        if (response.timedOut()) {
            throw new SearchException("The search took longer than " + settings.socketTimeout().toSeconds()
                    + " seconds and was stopped; narrow it with more words or filters.");
        }
        var hits = new ArrayList<SearchResult.Hit>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            SearchDocument document;
            try {
                document = DocumentFields.JSON.treeToValue(hit.source().get(DocumentFields.SOURCE),
                        SearchDocument.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("An indexed search document cannot be read: " + hit.id(), e);
            }
            float score = relevance && hit.score() != null ? hit.score().floatValue() : 0f;
            hits.add(new SearchResult.Hit(document, score, Highlights.of(document, parsed)));
        }
        var facets = new EnumMap<Facet, List<FacetCount>>(Facet.class);
        for (Facet facet : Facet.values()) {
            var aggregate = response.aggregations().get(facet.field());
            var values = new ArrayList<FacetCount>();
            for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
                values.add(new FacetCount(bucket.key().stringValue(), bucket.docCount()));
            }
            if (!values.isEmpty()) {
                facets.put(facet, Results.sorted(values));
            }
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new SearchResult(total, Results.group(hits), facets);
    }

    /** The search request for a query: the page of hits, the exact total and every facet's counts. */
    SearchRequest request(SearchQuery query, ParsedQuery parsed) {
        boolean numeric = numericLearner();
        Query esQuery = esQuery(query, parsed, numeric);
        boolean relevance = query.sort() == SearchSort.RELEVANCE;
        var aggregations = new LinkedHashMap<String, Aggregation>();
        for (Facet facet : Facet.values()) {
            // The query's number of values: the buckets' order is the default (most frequent first, ties by key)
            // and Results sorts them anyway; an explicit compound order made each aggregation markedly slower. One
            // shard, so the counts are exact.
            aggregations.put(facet.field(), Aggregation.of(a -> a.terms(t -> t.field(facet.field())
                    .size(query.facetValues()))));
        }
        return SearchRequest.of(s -> {
            s.index(alias).query(esQuery).from(query.page() * query.pageSize()).size(query.pageSize())
                    .trackTotalHits(t -> t.enabled(true)).timeout(settings.socketTimeout().toMillis() + "ms")
                    .aggregations(aggregations);
            // Version 3 on keeps only the document in _source, so it is fetched as it is; older ones are filtered.
            if (!numeric) {
                s.source(src -> src.filter(f -> f.includes(DocumentFields.SOURCE)));
            }
            if (relevance) {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)));
            } else {
                s.sort(o -> o.field(f -> f.field(DocumentFields.DATE).order(SortOrder.Desc)));
            }
            return s.sort(o -> o.field(f -> f.field(DocumentFields.ID).order(SortOrder.Asc)));
        });
    }

    /** Whether the index searched has the numeric learner id (an index of mapping version 2 or older has not). */
    private boolean numericLearner() {
        Boolean known = numericLearner;
        if (known == null) {
            known = call("read the search index's mapping", () -> client.indices().getMapping(m -> m.index(alias))
                    .result().values().stream().allMatch(index -> index.mappings().properties()
                            .containsKey(LEARNER_ID)));
            numericLearner = known;
        }
        return known;
    }

    /**
     * The query: every clause of the text must match, the access filter, the facet filters and the dates filter.
     *
     * @param numericLearner whether the index has {@link #LEARNER_ID}; if not, the access filter is the learner ids
     *                       as keyword terms
     */
    static Query esQuery(SearchQuery query, ParsedQuery parsed, boolean numericLearner) {
        var bool = new BoolQuery.Builder();
        if (parsed.isEmpty()) {
            bool.must(m -> m.matchAll(a -> a));
        }
        for (Clause clause : parsed.clauses()) {
            bool.must(clauseQuery(clause));
        }
        if (numericLearner) {
            accessFilter(bool, query.visibleLearners());
        } else {
            bool.filter(terms(Facet.LEARNER.field(), query.visibleLearners().stream().map(String::valueOf)
                    .toList()));
        }
        query.filters().forEach((facet, values) -> bool.filter(terms(facet.field(), values)));
        if (query.from() != null || query.to() != null) {
            bool.filter(f -> f.range(r -> r.longNumber(n -> {
                n.field(DocumentFields.DATE);
                if (query.from() != null) {
                    n.gte(query.from().toEpochDay());
                }
                if (query.to() != null) {
                    n.lte(query.to().toEpochDay());
                }
                return n;
            })));
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    /**
     * Only documents of the visible learners, exactly: when the ids run from the lowest to the highest with at most
     * {@value #MAX_EXCLUDED} gaps (an administrator's every learner: ids drawn from one sequence, a few other people
     * in between), the range of ids less those gaps, which costs almost nothing on every document and keeps the
     * request small; else the ids as a set (numeric terms: points).
     */
    static void accessFilter(BoolQuery.Builder bool, java.util.Set<Long> visible) {
        long[] ids = visible.stream().mapToLong(Long::longValue).sorted().toArray();
        long lowest = ids[0];
        long highest = ids[ids.length - 1];
        long excluded = highest - lowest + 1 - ids.length;
        if (excluded <= MAX_EXCLUDED && excluded < ids.length) {
            bool.filter(f -> f.range(r -> r.longNumber(n -> n.field(LEARNER_ID).gte(lowest)
                    .lte(highest))));
            if (excluded > 0) {
                var gaps = new ArrayList<FieldValue>((int) excluded);
                for (int i = 1; i < ids.length; i++) {
                    for (long gap = ids[i - 1] + 1; gap < ids[i]; gap++) {
                        gaps.add(FieldValue.of(gap));
                    }
                }
                bool.mustNot(m -> m.terms(t -> t.field(LEARNER_ID).terms(v -> v.value(gaps))));
            }
        } else {
            List<FieldValue> values = java.util.Arrays.stream(ids).mapToObj(FieldValue::of).toList();
            bool.filter(f -> f.terms(t -> t.field(LEARNER_ID).terms(v -> v.value(values))));
        }
    }

    private static Query clauseQuery(Clause clause) {
        var anyField = new BoolQuery.Builder();
        if (clause instanceof Word word) {
            for (String field : DocumentFields.TEXT_FIELDS) {
                anyField.should(s -> s.term(t -> t.field(field).value(word.term())));
                if (word.prefix()) {
                    // Constant-scored: the whole word still ranks by relevance while longer words also match.
                    anyField.should(s -> s.prefix(p -> p.field(field).value(word.term())));
                }
            }
        } else if (clause instanceof Phrase phrase) {
            for (String field : DocumentFields.TEXT_FIELDS) {
                anyField.should(s -> s.matchPhrase(m -> m.field(field).query(String.join(" ", phrase.terms()))));
            }
        } else if (clause instanceof AcReference ac) {
            String keyField = ac.unit() == null ? DocumentFields.AC_NUMBER_KEY : DocumentFields.AC_KEY;
            anyField.should(s -> s.term(t -> t.field(keyField).value(ac.key())));
            List<String> terms = DocumentFields.acTextTerms(ac);
            for (String field : DocumentFields.TEXT_FIELDS) {
                anyField.should(s -> terms.size() == 1 ? s.term(t -> t.field(field).value(terms.get(0)))
                        : s.matchPhrase(m -> m.field(field).query(String.join(" ", terms))));
            }
        }
        return Query.of(q -> q.bool(anyField.build()));
    }

    private static Query terms(String field, Collection<String> values) {
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
    }

    @Override
    public void close() {
        try {
            restClient.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Closing the Elasticsearch client failed", e);
        }
    }
}
