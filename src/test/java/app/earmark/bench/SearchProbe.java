package app.earmark.bench;

import app.earmark.search.SearchBenchEngines;
import app.earmark.search.SearchDocument;
import app.earmark.search.SearchIndex;
import app.earmark.search.SearchQuery;
import app.earmark.support.ElasticsearchServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where Elasticsearch's query time goes: the search benchmark's query mix, each query sent as it is and as variants
 * of the request (no aggregations, no access filter), timing the round trip and Elasticsearch's {@code took}, beside
 * Lucene and the client's own path, plus a profile of one round. Prints, writes no report. Not a {@code *Benchmark},
 * so {@code -Pbenchmark} alone does not run it:
 * {@code ./mvnw verify -Pbenchmark -Dit.test=SearchProbe -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dearmark.bench.search.discussions=20000}.
 */
class SearchProbe {

    @RegisterExtension
    static final ElasticsearchServer SERVER = ElasticsearchServer.withHeap("2g");

    static final int DISCUSSIONS = Integer.getInteger("earmark.bench.search.discussions", 20_000);
    static final int ROUNDS = Integer.getInteger("earmark.bench.search.rounds", 10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void probe() throws Exception {
        var corpus = new SearchCorpus(DISCUSSIONS, DISCUSSIONS / 2, SearchBenchmark.TAGS_PER_DISCUSSION, 20_261_206L);
        Path folder = Bench.emptyDir(Bench.dir("bench-search-probe").resolve("lucene"));
        URI url = ElasticsearchServer.url();
        SearchIndex lucene = SearchBenchEngines.lucene(folder);
        SearchIndex es = SearchBenchEngines.elasticsearch(url, "probe");
        for (SearchIndex index : List.of(lucene, es)) {
            index.clear();
            var batch = new ArrayList<SearchDocument>();
            long start = System.nanoTime();
            corpus.subjects(subject -> {
                batch.addAll(subject);
                if (batch.size() >= 1000) {
                    index.upsert(batch);
                    batch.clear();
                }
            });
            index.upsert(batch);
            SearchBenchEngines.refresh(index);
            System.out.printf(Locale.ROOT, "[probe] %s indexed in %.1f s%n", index.engine(),
                    (System.nanoTime() - start) / 1e9);
        }
        String alias = SearchBenchEngines.alias(es);
        var http = HttpClient.newHttpClient();
        // Force-merge-free, as the benchmark; one segment count printed for context.
        System.out.println("[probe] segments: " + http.send(HttpRequest.newBuilder(url.resolve("/_cat/segments/"
                + alias + "?h=docs.count,size")).build(), HttpResponse.BodyHandlers.ofString()).body());

        var persons = List.of(
                new SearchBenchmark.Person("assessor", SearchCorpus.assessorsLearners(7)),
                new SearchBenchmark.Person("IQA", SearchCorpus.iqasLearners(3)),
                new SearchBenchmark.Person("admin", SearchCorpus.everyLearner()));
        var kinds = SearchBenchmark.queryMix();
        Map<String, UnaryOperator<ObjectNode>> variants = new LinkedHashMap<>();
        variants.put("as sent", b -> b);
        variants.put("no aggregations", b -> {
            b.remove("aggregations");
            return b;
        });
        variants.put("no access filter", SearchProbe::withoutAccess);
        Map<String, List<Double>> times = new TreeMap<>();
        Map<String, Long> profile = new TreeMap<>();
        for (int round = 0; round < ROUNDS + 3; round++) {
            boolean timed = round >= 3;
            for (var kind : kinds) {
                for (var person : persons) {
                    SearchQuery query = kind.query(round, person.visible());
                    long start = System.nanoTime();
                    lucene.search(query);
                    double luceneMs = (System.nanoTime() - start) / 1e6;
                    start = System.nanoTime();
                    es.search(query);
                    double clientMs = (System.nanoTime() - start) / 1e6;
                    if (timed) {
                        add(times, "lucene|" + person.name(), luceneMs);
                        add(times, "es client|" + person.name(), clientMs);
                    }
                    String body = SearchBenchEngines.elasticsearchRequest(es, query);
                    for (var variant : variants.entrySet()) {
                        ObjectNode tree = (ObjectNode) JSON.readTree(body);
                        String sent = JSON.writeValueAsString(variant.getValue().apply(tree));
                        var request = HttpRequest.newBuilder(url.resolve("/" + alias + "/_search"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(sent)).build();
                        start = System.nanoTime();
                        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        double ms = (System.nanoTime() - start) / 1e6;
                        JsonNode answer = JSON.readTree(response.body());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(variant.getKey() + ": " + response.body());
                        }
                        if (timed) {
                            add(times, variant.getKey() + "|" + person.name(), ms);
                            add(times, variant.getKey() + " (took)|" + person.name(),
                                    answer.path("took").asDouble());
                        }
                    }
                    if (timed && round == 3) {
                        ObjectNode tree = (ObjectNode) JSON.readTree(body);
                        tree.put("profile", true);
                        var response = http.send(HttpRequest.newBuilder(url.resolve("/" + alias + "/_search"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(tree))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        JsonNode shard = JSON.readTree(response.body()).path("profile").path("shards").path(0);
                        for (JsonNode search : shard.path("searches")) {
                            for (JsonNode q : search.path("query")) {
                                profile.merge(person.name() + " query " + q.path("type").asText(),
                                        q.path("time_in_nanos").asLong(), Long::sum);
                                q.path("breakdown").fields().forEachRemaining(e -> {
                                    if (!e.getKey().endsWith("_count")) {
                                        profile.merge(person.name() + " query." + e.getKey(),
                                                e.getValue().asLong(), Long::sum);
                                    }
                                });
                            }
                            for (JsonNode c : search.path("collector")) {
                                profile.merge(person.name() + " collector " + c.path("name").asText(),
                                        c.path("time_in_nanos").asLong(), Long::sum);
                            }
                        }
                        for (JsonNode a : shard.path("aggregations")) {
                            profile.merge(person.name() + " agg " + a.path("description").asText(),
                                    a.path("time_in_nanos").asLong(), Long::sum);
                        }
                        profile.merge(person.name() + " fetch", shard.path("fetch").path("time_in_nanos").asLong(),
                                Long::sum);
                    }
                }
            }
        }
        System.out.println("[probe] variant|person  p50  p95  (ms)");
        times.forEach((key, list) -> {
            Stats s = Stats.of(list);
            System.out.printf(Locale.ROOT, "[probe] %-45s %7.2f %7.2f%n", key, s.median(), s.p95());
        });
        System.out.println("[probe] profile, one round of the mix per person, total ms:");
        profile.forEach((key, nanos) -> System.out.printf(Locale.ROOT, "[probe] %-60s %9.2f%n", key, nanos / 1e6));
        SearchBenchEngines.close(lucene);
        SearchBenchEngines.close(es);
    }

    private static ObjectNode withoutAccess(ObjectNode body) {
        JsonNode filters = body.path("query").path("bool").path("filter");
        if (filters instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).path("terms").has("learner") || array.get(i).path("terms").has("learner_id")
                        || array.get(i).path("range").has("learner_id")) {
                    array.remove(i);
                }
            }
        }
        return body;
    }

    private static void add(Map<String, List<Double>> times, String key, double ms) {
        times.computeIfAbsent(key, k -> new ArrayList<>()).add(ms);
    }
}
