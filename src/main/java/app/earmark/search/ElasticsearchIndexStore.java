package app.earmark.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch engine's indexes: {@code <prefix>-evidence-v<N>-<build>}, the live one behind the alias
 * {@code <prefix>-evidence}, the one being built behind {@code <prefix>-evidence-building} (a fresh install's first
 * index has both). The switch is one {@code _aliases} request (add the alias to the new index, remove it from the
 * old one, remove the building alias), so a search meets either the old index or the new one, never none. Other
 * Earmark nodes read the same aliases, so they write to the index being built too and follow the switch.
 */
final class ElasticsearchIndexStore implements IndexStore {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchIndexStore.class);
    private static final int NOT_FOUND = 404;

    private final SearchProperties.Elasticsearch settings;
    private final RestClient restClient;
    private final ElasticsearchClient client;
    private final String alias;
    private final String buildingAlias;

    ElasticsearchIndexStore(SearchProperties.Elasticsearch settings) {
        this.settings = settings;
        this.alias = settings.indexPrefix() + "-evidence";
        this.buildingAlias = alias + "-building";
        this.restClient = ElasticsearchSearchIndex.restClient(settings);
        this.client = new ElasticsearchClient(
                new RestClientTransport(restClient, new JacksonJsonpMapper(DocumentFields.JSON)));
    }

    @Override
    public int mappingVersion() {
        return ElasticsearchSearchIndex.MAPPING_VERSION;
    }

    @Override
    public String engine() {
        return "elasticsearch";
    }

    /** The alias searches go through. */
    String alias() {
        return alias;
    }

    /** The index's full name in the cluster. */
    String indexName(String name) {
        return alias + "-" + name;
    }

    private <T> T call(String what, ElasticsearchSearchIndex.Call<T> call) {
        return ElasticsearchSearchIndex.call(settings, what, call);
    }

    @Override
    public Layout layout() {
        var indexes = call("list the search indexes", () -> client.indices().get(g -> g.index(alias + "-v*")))
                .result();
        String live = null;
        String building = null;
        for (Map.Entry<String, co.elastic.clients.elasticsearch.indices.IndexState> index : indexes.entrySet()) {
            String name = index.getKey().substring(alias.length() + 1);
            var aliases = index.getValue().aliases();
            if (aliases != null && aliases.containsKey(alias)) {
                live = name;
            }
            if (aliases != null && aliases.containsKey(buildingAlias)) {
                building = name;
            }
        }
        return new Layout(live, IndexStore.versionOf(live), building);
    }

    @Override
    public SearchIndex open(String name) {
        return ElasticsearchSearchIndex.managed(settings, indexName(name));
    }

    @Override
    public void create(String name, boolean live) {
        String body;
        try {
            body = ElasticsearchSearchIndex.indexBody(settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        call("create a search index", () -> client.indices().create(c -> {
            c.index(indexName(name)).withJson(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                    .aliases(buildingAlias, a -> a);
            return live ? c.aliases(alias, a -> a) : c;
        }));
        log.info("Search index {} created{}", indexName(name), live ? " (alias " + alias + ")" : " to be built");
    }

    @Override
    public void switchTo(String name, String previous) {
        List<Action> actions = new ArrayList<>();
        actions.add(Action.of(a -> a.add(x -> x.index(indexName(name)).alias(alias))));
        actions.add(Action.of(a -> a.remove(x -> x.index(indexName(name)).alias(buildingAlias))));
        if (previous != null && !previous.equals(name)) {
            actions.add(Action.of(a -> a.remove(x -> x.index(indexName(previous)).alias(alias))));
        }
        call("switch the search alias", () -> client.indices().updateAliases(u -> u.actions(actions)));
        log.info("Search alias {} switched to {}", alias, indexName(name));
    }

    @Override
    public void drop(String name) {
        try {
            call("remove an old search index", () -> client.indices().delete(d -> d.index(indexName(name))));
        } catch (SearchException.Unavailable e) {
            if (e.getCause() instanceof ElasticsearchException es && es.status() == NOT_FOUND) {
                return;
            }
            throw e;
        }
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
