package app.earmark.bench;

import app.earmark.search.DocumentKind;
import app.earmark.search.Facet;
import app.earmark.search.SearchBenchEngines;
import app.earmark.search.SearchDocument;
import app.earmark.search.SearchIndex;
import app.earmark.search.SearchQuery;
import app.earmark.search.SearchSort;
import app.earmark.support.ElasticsearchServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search (issue 11), both engines side by side in one run: a full reindex of a generated centre's evidence
 * ({@link SearchCorpus}: by default 100,000 discussions with about 1,000,000 tags and 50,000 result sheets), the
 * index's size on disk, and the latency of a mix of queries as an assessor, an IQA and an administrator. Writes the
 * "Search" section of the benchmark report.
 *
 * <p>Scale: {@code -Dearmark.bench.search.discussions=10000} (sheets are half as many) for a quick run.
 */
class SearchBenchmark {

    /** Elasticsearch gets a 2 GB heap (the tests' 512 MB is too small for an index of a million documents). */
    @RegisterExtension
    static final ElasticsearchServer SERVER = ElasticsearchServer.withHeap("2g");

    static final int DISCUSSIONS = Integer.getInteger("earmark.bench.search.discussions", 100_000);
    static final int SHEETS = Integer.getInteger("earmark.bench.search.sheets", DISCUSSIONS / 2);
    static final int TAGS_PER_DISCUSSION = 10;
    /** Documents per upsert call in the full reindex. */
    static final int BATCH = 1_000;
    /** Subjects (discussions, then sheets) indexed one upsert per subject, as the feed applies its outbox. */
    static final int FEED_SUBJECTS = Integer.getInteger("earmark.bench.search.feed-subjects", 3_000);
    static final int WARM_UP_ROUNDS = Integer.getInteger("earmark.bench.search.warm-up", 5);
    static final int ROUNDS = Integer.getInteger("earmark.bench.search.rounds", 20);
    static final double TARGET_DOCS_PER_SECOND = 5_000;
    static final double TARGET_P95_MS = 30;
    static final double TARGET_ES_RATIO = 2;
    static final double TARGET_FILTER_OVERHEAD = 1.20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who searches, with the learners they may see. */
    record Person(String name, Set<Long> visible) {
    }

    /** A kind of query of the mix; {@code round} varies the words. */
    record Kind(String name, Function<Integer, Function<Set<Long>, SearchQuery>> make) {
        /** The query as the search page asks it: with the facet values the page shows. */
        SearchQuery query(int round, Set<Long> visible) {
            return make.apply(round).apply(visible).withFacetValues(SearchQuery.FACET_VALUES_SHOWN);
        }
    }

    /** A reindex: documents, wall-clock seconds, tags among the documents, CPU seconds the indexing used. */
    record Reindex(long documents, double seconds, long tags, double cpuSeconds) {
        double perSecond() {
            return documents / seconds;
        }

        double perCpuSecond() {
            return documents / cpuSeconds;
        }
    }

    @Test
    void bothEnginesSideBySide() throws Exception {
        Machine machine = Machine.thisOne();
        var corpus = new SearchCorpus(DISCUSSIONS, SHEETS, TAGS_PER_DISCUSSION, 20_261_206L);
        Path luceneFolder = Bench.emptyDir(Bench.dir("bench-search").resolve("lucene"));
        Path feedFolder = Bench.emptyDir(Bench.dir("bench-search").resolve("lucene-feed"));
        URI url = ElasticsearchServer.url();
        String loadBefore = Bench.loadAverage();

        // The full reindex, one engine after the other (both at once would share the two cores).
        SearchIndex lucene = SearchBenchEngines.lucene(luceneFolder);
        Reindex luceneReindex = reindex(lucene, corpus, url);
        System.out.printf(Locale.ROOT, "[bench] search: Lucene reindexed %,d documents in %.1f s: %.0f/s%n",
                luceneReindex.documents(), luceneReindex.seconds(), luceneReindex.perSecond());
        SearchIndex elasticsearch = SearchBenchEngines.elasticsearch(url, "bench");
        Reindex esReindex = reindex(elasticsearch, corpus, url);
        System.out.printf(Locale.ROOT, "[bench] search: Elasticsearch reindexed %,d documents in %.1f s: %.0f/s%n",
                esReindex.documents(), esReindex.seconds(), esReindex.perSecond());
        String loadAfterIndexing = Bench.loadAverage();

        // The feed's way: one upsert per subject, on a sample, into indexes of their own.
        SearchIndex luceneFeed = SearchBenchEngines.lucene(feedFolder);
        Reindex luceneFeedRun = feedSample(luceneFeed, corpus);
        SearchBenchEngines.close(luceneFeed);
        SearchIndex esFeed = SearchBenchEngines.elasticsearch(url, "bench-feed");
        Reindex esFeedRun = feedSample(esFeed, corpus);
        esFeed.clear();
        SearchBenchEngines.close(esFeed);

        // Size on disk: Lucene committed (closed and opened again, as after a restart), Elasticsearch flushed.
        SearchBenchEngines.close(lucene);
        long luceneBytes = SearchBenchEngines.folderSize(luceneFolder);
        lucene = SearchBenchEngines.lucene(luceneFolder);
        long esBytes = esStoreBytes(url, SearchBenchEngines.alias(elasticsearch));

        List<Person> persons = List.of(
                new Person("assessor (" + SearchCorpus.LEARNERS_PER_ASSESSOR + " learners)",
                        SearchCorpus.assessorsLearners(7)),
                new Person("IQA (1,000 learners)", SearchCorpus.iqasLearners(3)),
                new Person("administrator (all " + String.format("%,d", SearchCorpus.LEARNERS) + " learners)",
                        SearchCorpus.everyLearner()));
        List<Kind> kinds = queryMix();
        String loadBeforeQueries = Bench.loadAverage();
        // Warm-up: every query of the mix, untimed, on both engines (JIT, caches, the facets' ordinals).
        var engines = List.of(lucene, elasticsearch);
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (Kind kind : kinds) {
                for (Person person : persons) {
                    for (SearchIndex engine : engines) {
                        engine.search(kind.query(ROUNDS + round, person.visible()));
                    }
                }
            }
        }
        // Timed: the engines alternate query by query (which goes first alternates too), so noise hits both alike.
        Map<String, List<Double>> times = new LinkedHashMap<>();
        int mismatches = 0;
        String firstMismatch = null;
        int turn = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (Kind kind : kinds) {
                for (Person person : persons) {
                    SearchQuery query = kind.query(round, person.visible());
                    long[] totals = new long[2];
                    for (int e = 0; e < 2; e++) {
                        int which = (e + turn) % 2;
                        SearchIndex engine = engines.get(which);
                        long start = System.nanoTime();
                        var result = engine.search(query);
                        double millis = (System.nanoTime() - start) / 1e6;
                        totals[which] = result.total();
                        String engineName = engine.engine();
                        times.computeIfAbsent(engineName + "|" + person.name(), k -> new ArrayList<>()).add(millis);
                        times.computeIfAbsent(engineName + "|kind:" + kind.name(), k -> new ArrayList<>())
                                .add(millis);
                        times.computeIfAbsent(engineName + "|all", k -> new ArrayList<>()).add(millis);
                    }
                    turn++;
                    if (totals[0] != totals[1]) {
                        mismatches++;
                        if (firstMismatch == null) {
                            firstMismatch = kind.name() + " \"" + query.text() + "\" as " + person.name()
                                    + ": Lucene " + totals[0] + ", Elasticsearch " + totals[1];
                        }
                    }
                }
            }
        }
        String loadAfterQueries = Bench.loadAverage();
        SearchBenchEngines.close(lucene);
        SearchBenchEngines.close(elasticsearch);

        String report = report(corpus, luceneReindex, esReindex, luceneFeedRun, esFeedRun, luceneBytes, esBytes,
                persons, kinds, times, mismatches, firstMismatch, loadBefore, loadAfterIndexing, loadBeforeQueries,
                loadAfterQueries);
        System.out.println(report);
        BenchmarkReport.configured().replaceSection("Search", report, machine);
    }

    /** Empties the index, then upserts every document in batches of {@value #BATCH}: only the engine's calls timed. */
    private static Reindex reindex(SearchIndex index, SearchCorpus corpus, URI url) throws Exception {
        index.clear();
        var threads = ManagementFactory.getThreadMXBean();
        double serverCpu = index.engine().equals("elasticsearch") ? esCpuSeconds(url) : 0;
        double processCpu = processCpuSeconds();
        // This thread's CPU outside the engine's calls (making the documents) is not the engine's.
        long[] outside = {0};
        long[] mark = {threads.getCurrentThreadCpuTime()};
        long[] nanos = {0};
        long[] documents = {0};
        long[] tags = {0};
        var batch = new ArrayList<SearchDocument>(BATCH + 100);
        corpus.subjects(subject -> {
            batch.addAll(subject);
            tags[0] += subject.stream().filter(d -> d.kind() == DocumentKind.TAG_NOTE).count();
            if (batch.size() >= BATCH) {
                outside[0] += threads.getCurrentThreadCpuTime() - mark[0];
                long start = System.nanoTime();
                index.upsert(batch);
                nanos[0] += System.nanoTime() - start;
                mark[0] = threads.getCurrentThreadCpuTime();
                documents[0] += batch.size();
                batch.clear();
            }
        });
        outside[0] += threads.getCurrentThreadCpuTime() - mark[0];
        long start = System.nanoTime();
        if (!batch.isEmpty()) {
            index.upsert(batch);
            documents[0] += batch.size();
        }
        SearchBenchEngines.refresh(index);
        nanos[0] += System.nanoTime() - start;
        double cpu = processCpuSeconds() - processCpu - outside[0] / 1e9
                + (index.engine().equals("elasticsearch") ? esCpuSeconds(url) - serverCpu : 0);
        return new Reindex(documents[0], nanos[0] / 1e9, tags[0], cpu);
    }

    /** The first {@value #FEED_SUBJECTS} subjects (half discussions, half sheets), one upsert per subject. */
    private static Reindex feedSample(SearchIndex index, SearchCorpus corpus) {
        index.clear();
        var subjects = new ArrayList<List<SearchDocument>>();
        for (int i = 0; i < FEED_SUBJECTS / 2; i++) {
            subjects.add(corpus.discussion(i));
            subjects.add(corpus.sheet(i));
        }
        long documents = 0;
        long start = System.nanoTime();
        for (List<SearchDocument> subject : subjects) {
            index.upsert(subject);
            documents += subject.size();
        }
        SearchBenchEngines.refresh(index);
        return new Reindex(documents, (System.nanoTime() - start) / 1e9, 0, Double.NaN);
    }

    /** The mix of queries the search page sends (facets are always counted: the page shows them). */
    static List<Kind> queryMix() {
        String[][] twoWords = {{"feedback", "goals"}, {"reflective", "practice"}, {"listening", "skills"},
                {"evidence", "context"}, {"coaching", "relationship"}, {"session", "agreed"}, {"learner", "explained"},
                {"mentoring", "style"}, {"organisational", "culture"}, {"confidence", "barriers"}};
        String[] prefixes = {"refl", "mot", "organisa", "conf", "superv", "bound", "empat", "stakeh", "rapp", "chall"};
        String[] phrases = {"\"GROW model\"", "\"active listening\"", "\"open questions\"", "\"action plan\"",
                "\"learning styles\"", "\"coaching contract\"", "\"reflective log\"", "\"powerful questions\""};
        String[] acs = {"2.3", "502/2.3", "AC 3.1", "1.2", "300/4.1", "AC 2.2"};
        String[] single = {"feedback", "rapport", "goals", "supervision", "confidentiality", "motivation",
                "wellbeing", "reflection", "contract", "barriers"};
        return List.of(
                new Kind("text (two words)", r -> v -> SearchQuery.of(String.join(" ", twoWords[r % twoWords.length])
                        + " ", v)),
                new Kind("text, last word typed (prefix)", r -> v -> SearchQuery.of(
                        twoWords[(r + 3) % twoWords.length][0] + " " + prefixes[r % prefixes.length], v)),
                new Kind("phrase", r -> v -> SearchQuery.of(phrases[r % phrases.length], v)),
                new Kind("AC (2.3, 502/2.3)", r -> v -> SearchQuery.of(acs[r % acs.length], v)),
                new Kind("text + facet filter (kind, outcome)", r -> v -> SearchQuery.of(single[r % single.length]
                        + " ", v).withFilter(Facet.KIND, r % 2 == 0 ? DocumentKind.TAG_NOTE.name()
                        : DocumentKind.SHEET_AC_FEEDBACK.name())),
                new Kind("text + date range (a month)", r -> v -> SearchQuery.of(single[(r + 5) % single.length]
                        + " ", v).withDates(SearchCorpus.FIRST_DAY.plusDays(30L * (r % 11)),
                        SearchCorpus.FIRST_DAY.plusDays(30L * (r % 11) + 30))),
                new Kind("text + unit filter, newest first", r -> v -> SearchQuery.of(
                        single[(r + 2) % single.length] + " ", v).withFilter(Facet.UNIT,
                        SearchCorpus.L5_UNITS.get(r % 4), SearchCorpus.L3_UNITS.get(r % 6))
                        .withSort(SearchSort.DATE)),
                new Kind("no text: a facet, newest first", r -> v -> SearchQuery.of("", v)
                        .withFilter(Facet.OUTCOME, "REFERRAL").withSort(SearchSort.DATE)),
                new Kind("second page", r -> v -> SearchQuery.of(single[(r + 7) % single.length] + " ", v)
                        .withPage(1, 20)));
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** The Elasticsearch server's CPU time so far (its own process, every thread). */
    private static double esCpuSeconds(URI url) throws IOException, InterruptedException {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve(
                "/_nodes/stats/process")).build(), HttpResponse.BodyHandlers.ofString());
        double millis = 0;
        for (JsonNode node : JSON.readTree(response.body()).path("nodes")) {
            millis += node.path("process").path("cpu").path("total_in_millis").asDouble();
        }
        return millis / 1e3;
    }

    private static long esStoreBytes(URI url, String alias) throws IOException, InterruptedException {
        var http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(url.resolve("/" + alias + "/_flush")).POST(HttpRequest.BodyPublishers
                .noBody()).build(), HttpResponse.BodyHandlers.ofString());
        var response = http.send(HttpRequest.newBuilder(url.resolve("/" + alias + "/_stats/store")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode stats = JSON.readTree(response.body());
        return stats.path("_all").path("primaries").path("store").path("size_in_bytes").asLong();
    }

    private static String report(SearchCorpus corpus, Reindex luceneReindex, Reindex esReindex,
            Reindex luceneFeed, Reindex esFeed, long luceneBytes, long esBytes, List<Person> persons,
            List<Kind> kinds, Map<String, List<Double>> times, int mismatches, String firstMismatch,
            String loadBefore, String loadAfterIndexing, String loadBeforeQueries, String loadAfterQueries) {
        var text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "The evidence of a generated centre (fixed seed): %,d discussions"
                + " with %,d tags and %,d result sheets, %,d search documents in all, as the feed makes them (ids,"
                + " kinds, learners and assessors with names, some with accents, the catalogue's units and ACs,"
                + " outcomes, sheet states, modes, QA states, dates over a year); %d assessors with %d learners each,"
                + " %d IQAs each over %d assessors (1,000 learners); learners join over time with any assessor, so an"
                + " assessor's or an IQA's learners are scattered through the id sequence, not one run of it. Notes are sentences drawn by weight from the"
                + " vocabulary of the awarding body's documents plus coaching and recording words"
                + " (`src/test/resources/bench/search-words.txt`), so term statistics look like prose; about 2 %%"
                + " say \"GROW model\", others name other coaching phrases or an AC. How the corpus is made:"
                + " `SearchCorpus`.%n%n", corpus.discussions(), luceneReindex.tags(),
                corpus.sheets(), luceneReindex.documents(), SearchCorpus.ASSESSORS,
                SearchCorpus.LEARNERS_PER_ASSESSOR, SearchCorpus.IQAS, SearchCorpus.ASSESSORS_PER_IQA));
        if (corpus.discussions() != 100_000) {
            text.append(String.format(Locale.ROOT, "**Scale:** %,d discussions, not the issue's 100,000: chosen with"
                    + " `-Dearmark.bench.search.discussions` because a run at full scale did not fit the time"
                    + " available on the shared machine (both reindexes alone would have taken over 25 minutes at"
                    + " its load).%n%n", corpus.discussions()));
        }
        text.append("**What is measured.** The engines' indexing of the documents the feed would make, not the"
                + " feed's reading of them from the database: a full reindex is `clear()` then `upsert` of every"
                + " document, " + BATCH + " per call, each engine on its own (Lucene first), timing only the"
                + " engines' calls and the final refresh (the documents are generated between calls, untimed)."
                + " Reading the owners' rows is the other modules' cost and scales with the database, not the"
                + " engine. The feed applies its outbox one subject (a discussion or a sheet, about 10 documents)"
                + " per `upsert`: that way is measured too, on the first " + String.format("%,d", FEED_SUBJECTS)
                + " subjects, into indexes of their own. Elasticsearch is the 8.19 integ-test distribution on the"
                + " same machine (one node, one shard, no replicas, a 2 GB heap, started by `ElasticsearchServer`),"
                + " reached over HTTP on loopback; its figures include the client's requests and JSON. Sizes on"
                + " disk: Lucene's folder after a commit (closed, then opened again), Elasticsearch's primary store"
                + " after a flush (`_stats/store`), neither force-merged. CPU time: Lucene's is this JVM's"
                + " (every thread: writing, flushing, merging, refreshing) less this thread's outside the engine's"
                + " calls; Elasticsearch's is the server process's (`_nodes/stats/process`) plus the client's, counted"
                + " the same way. On a machine this loaded, documents per CPU second say more about the engines"
                + " than documents per second.\n\n");
        text.append("Load average (1, 5, 15 min): " + loadBefore + " before indexing, " + loadAfterIndexing
                + " after, " + loadBeforeQueries + " before the queries, " + loadAfterQueries + " after, on "
                + Runtime.getRuntime().availableProcessors() + " cores shared with other builds.\n\n");
        text.append(BenchmarkReport.table(List.of("indexing", "Lucene (embedded)", "Elasticsearch", "target"),
                List.of(List.of("full reindex, " + BATCH + " per upsert", perSecond(luceneReindex),
                                perSecond(esReindex), "≥ " + String.format("%,d", (int) TARGET_DOCS_PER_SECOND)
                                        + " docs/s embedded: " + Bench.verdict(
                                        luceneReindex.perSecond() >= TARGET_DOCS_PER_SECOND)),
                        List.of("time of the full reindex", Bench.seconds(luceneReindex.seconds()),
                                Bench.seconds(esReindex.seconds()), ""),
                        List.of("CPU time of the full reindex (documents per CPU second)",
                                Bench.seconds(luceneReindex.cpuSeconds()) + " (" + perCpuSecond(luceneReindex) + ")",
                                Bench.seconds(esReindex.cpuSeconds()) + " (" + perCpuSecond(esReindex) + ")",
                                "none"),
                        List.of("one upsert per subject (feed), " + String.format("%,d", luceneFeed.documents())
                                + " documents", perSecond(luceneFeed), perSecond(esFeed), "none"),
                        List.of("index size on disk", Bench.megabytes(luceneBytes), Bench.megabytes(esBytes),
                                "none"))));
        text.append("\nQueries: " + kinds.size() + " kinds, each as each person, " + WARM_UP_ROUNDS
                + " untimed rounds then " + ROUNDS + " timed ones with varied words (so " + ROUNDS * kinds.size()
                + " timed queries per person and engine); the engines alternate query by query. Every query"
                + " counts every facet as the search page asks (exact counts of each facet's "
                + SearchQuery.FACET_VALUES_SHOWN + " most frequent values, the ones the page shows) and returns a page"
                + " of 20 hits with highlighted fragments. The kinds: " + String.join("; ", kinds.stream().map(Kind::name).toList()) + ".\n\n");
        var rows = new ArrayList<List<String>>();
        for (Person person : persons) {
            rows.add(latencyRow(person.name(), times.get("lucene|" + person.name()),
                    times.get("elasticsearch|" + person.name())));
        }
        rows.add(latencyRow("**all queries**", times.get("lucene|all"), times.get("elasticsearch|all")));
        for (Kind kind : kinds) {
            rows.add(latencyRow("_" + kind.name() + "_ (all persons)", times.get("lucene|kind:" + kind.name()),
                    times.get("elasticsearch|kind:" + kind.name())));
        }
        text.append(BenchmarkReport.table(List.of("queries as", "Lucene p50", "Lucene p95", "Elasticsearch p50",
                "Elasticsearch p95", "ES p95 / Lucene p95"), rows));
        Stats luceneAll = Stats.of(times.get("lucene|all"));
        Stats esAll = Stats.of(times.get("elasticsearch|all"));
        Stats luceneIqa = Stats.of(times.get("lucene|" + persons.get(1).name()));
        Stats luceneAdmin = Stats.of(times.get("lucene|" + persons.get(2).name()));
        Stats esIqa = Stats.of(times.get("elasticsearch|" + persons.get(1).name()));
        Stats esAdmin = Stats.of(times.get("elasticsearch|" + persons.get(2).name()));
        double luceneFilter = luceneIqa.p95() / luceneAdmin.p95();
        double esFilter = esIqa.p95() / esAdmin.p95();
        text.append("\n");
        text.append(BenchmarkReport.table(List.of("target", "figure", "verdict"), List.of(
                List.of("p95 ≤ " + (int) TARGET_P95_MS + " ms embedded (all queries, all persons)",
                        Bench.millis(luceneAll.p95()), Bench.verdict(luceneAll.p95() <= TARGET_P95_MS)),
                List.of("Elasticsearch p95 within " + (int) TARGET_ES_RATIO + "× of embedded",
                        Bench.ratio(esAll.p95() / luceneAll.p95()),
                        Bench.verdict(esAll.p95() <= TARGET_ES_RATIO * luceneAll.p95())),
                List.of("the access filter adds ≤ 20 % to p95 (IQA, 1,000 learners, vs. the same queries"
                        + " seeing every learner), Lucene", Bench.ratio(luceneFilter),
                        Bench.verdict(luceneFilter <= TARGET_FILTER_OVERHEAD)),
                List.of("the same, Elasticsearch", Bench.ratio(esFilter),
                        Bench.verdict(esFilter <= TARGET_FILTER_OVERHEAD)))));
        text.append("\nThe access filter's overhead is the IQA's p95 (their 1,000 learners as the mandatory set)"
                + " over the p95 of the same queries seeing every learner (the administrator: there is no"
                + " unrestricted search, `People.visibleLearnerIds()` lists all " + String.format("%,d",
                SearchCorpus.LEARNERS) + " learners for an administrator, so that is the widest set the engines are"
                + " given). The wider set matches about ten times more documents, so this ratio says what the"
                + " filter costs an IQA against searching everything; below 1 means the filter saves more"
                + " (fewer documents to score and count) than it costs. Lucene leaves the filter out when the set"
                + " holds every learner the searched index has documents of (exact: it checks the very reader it"
                + " searches), so its administrator searches with no access restriction at all; Elasticsearch"
                + " (mapping version 3) filters on the numeric `learner_id`: the administrator's "
                + String.format("%,d", SearchCorpus.LEARNERS) + " ids run unbroken, so their filter is one range"
                + " (less the gaps, were there any), and the assessor's and the IQA's scattered ids are a `terms`"
                + " set of numbers.\n\n");
        text.append(mismatches == 0 ? "Both engines found the same number of hits for every timed query.\n"
                : "**The engines disagreed on the number of hits of " + mismatches + " timed queries** (first: "
                        + firstMismatch + ").\n");
        return text.toString();
    }

    private static List<String> latencyRow(String name, List<Double> lucene, List<Double> elasticsearch) {
        Stats l = Stats.of(lucene);
        Stats e = Stats.of(elasticsearch);
        return List.of(name, Bench.millis(l.median()), Bench.millis(l.p95()), Bench.millis(e.median()),
                Bench.millis(e.p95()), Bench.ratio(e.p95() / l.p95()));
    }

    private static String perCpuSecond(Reindex reindex) {
        return String.format(Locale.ROOT, "%,.0f", reindex.perCpuSecond());
    }

    private static String perSecond(Reindex reindex) {
        return String.format(Locale.ROOT, "%,.0f docs/s", reindex.perSecond());
    }

}
