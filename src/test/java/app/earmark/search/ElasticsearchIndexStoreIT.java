package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.search.IndexStore.Layout;
import app.earmark.support.ElasticsearchServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Versioned indexes on a real Elasticsearch server: {@code <prefix>-evidence-v<N>-<build>} behind the alias, a
 * rebuild beside the live index with changes written to both, and the switch as one {@code _aliases} request after
 * which the old index is gone.
 */
@ExtendWith(ElasticsearchServer.class)
class ElasticsearchIndexStoreIT {

    private final String prefix = "earmark-store-" + UUID.randomUUID().toString().substring(0, 8);
    private SearchIndexes indexes;
    private ElasticsearchIndexStore store;

    @AfterEach
    void close() {
        if (indexes != null) {
            indexes.close();
        }
    }

    private SearchIndexes open() {
        store = new ElasticsearchIndexStore(ElasticsearchSearchIndexIT.settings(ElasticsearchServer.url(), prefix));
        indexes = new SearchIndexes(store);
        return indexes;
    }

    private long found(String word) {
        return indexes.search(SearchQuery.of(word, Set.of(1L))).total();
    }

    private void refresh(String name) {
        try (var index = (ElasticsearchSearchIndex) store.open(name)) {
            index.refresh();
        }
    }

    private static String get(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ElasticsearchServer.url()
                .resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void aRebuildIsFilledBesideTheLiveIndexAndTheAliasIsSwitchedInOneStep() throws Exception {
        Layout fresh = open().layout();
        assertThat(fresh.live()).matches("v" + ElasticsearchSearchIndex.MAPPING_VERSION + "-[a-z0-9]+")
                .isEqualTo(fresh.building());
        assertThat(get("/" + prefix + "-evidence/_alias")).startsWith("200").contains(prefix + "-evidence-"
                + fresh.live(), "\"" + prefix + "-evidence-building\"");
        indexes.finishBuild(fresh.live());
        assertThat(indexes.layout()).isEqualTo(new Layout(fresh.live(), ElasticsearchSearchIndex.MAPPING_VERSION, null));
        indexes.upsert(List.of(SearchIndexesTest.note("tag:1", 1, "kept oldword"),
                SearchIndexesTest.note("tag:2", 1, "gone goneword")));
        refresh(fresh.live());
        assertThat(found("oldword")).isEqualTo(1);

        String name = indexes.startBuild();
        assertThat(indexes.layout()).isEqualTo(new Layout(fresh.live(), ElasticsearchSearchIndex.MAPPING_VERSION, name));
        // Filled without refreshes or replicas; the live one refreshes as usual.
        assertThat(get("/" + prefix + "-evidence-" + name + "/_settings")).contains("\"refresh_interval\":\"-1\"",
                "\"number_of_replicas\":\"0\"");
        assertThat(get("/" + prefix + "-evidence-" + fresh.live() + "/_settings"))
                .contains("\"refresh_interval\":\"500ms\"");
        indexes.upsert(List.of(SearchIndexesTest.note("tag:3", 5, "during newword")));
        indexes.upsert(List.of(SearchIndexesTest.note("tag:1", 6, "kept oldword")));
        refresh(fresh.live());
        refresh(name);
        // The old index answers, with the change made during the build.
        assertThat(found("goneword")).isEqualTo(1);
        assertThat(found("newword")).isEqualTo(1);

        // Another node (a second SearchIndexes on the same cluster) sees the same build.
        try (var other = new SearchIndexes(new ElasticsearchIndexStore(ElasticsearchSearchIndexIT.settings(
                ElasticsearchServer.url(), prefix)))) {
            assertThat(other.layout()).isEqualTo(new Layout(fresh.live(), ElasticsearchSearchIndex.MAPPING_VERSION, name));
        }

        indexes.finishBuild(name);
        assertThat(indexes.layout()).isEqualTo(new Layout(name, ElasticsearchSearchIndex.MAPPING_VERSION, null));
        // Its refreshes and replicas put back before it answers.
        assertThat(get("/" + prefix + "-evidence-" + name + "/_settings")).contains("\"refresh_interval\":\"500ms\"",
                "\"number_of_replicas\":\"" + store.replicas() + "\"");
        assertThat(found("goneword")).isZero();
        assertThat(found("oldword")).isEqualTo(1);
        assertThat(found("newword")).isEqualTo(1);
        assertThat(get("/" + prefix + "-evidence/_alias")).startsWith("200")
                .contains(prefix + "-evidence-" + name).doesNotContain(fresh.live());
        assertThat(get("/" + prefix + "-evidence-" + fresh.live())).startsWith("404");
        assertThat(get("/_alias/" + prefix + "-evidence-building")).startsWith("404");
    }

    @Test
    void anIndexOfAnOlderMappingVersionIsRecognised() {
        open();
        store.create("v0-old", true);
        store.switchTo("v0-old", null);
        assertThat(indexes.layout()).isEqualTo(new Layout("v0-old", 0, null));
        assertThat(indexes.layout().liveVersion()).isLessThan(indexes.mappingVersion());
    }

    @Test
    void theIndexTheFirstVersionMadeIsVersionOne() {
        // What Earmark made before builds were versioned: <prefix>-evidence-v1 behind the alias.
        try (var first = new ElasticsearchSearchIndex(ElasticsearchSearchIndexIT.settings(ElasticsearchServer.url(),
                prefix))) {
            first.upsert(List.of(SearchIndexesTest.note("tag:1", 1, "firstversion")));
            first.refresh();
        }
        assertThat(open().layout()).isEqualTo(new Layout("v1", 1, null));
        assertThat(found("firstversion")).isEqualTo(1);
    }
}
