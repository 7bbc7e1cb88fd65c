package app.earmark.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The replicas a live index has (the configuration's). */
    int replicas() {
        return settings.replicas();
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

    /**
     * Creates the index. A rebuild's index (beside a live one) is filled without refreshes or replicas, which
     * {@link #built} restores before the switch: refreshing every half second while a million documents go in cost
     * about as much as indexing them, and merging the many small segments as much again. A fresh install's first
     * index is live at once (searches find what is built so far), so it refreshes as usual.
     */
    @Override
    public void create(String name, boolean live) {
        String body;
        try {
            body = ElasticsearchSearchIndex.indexBody(settings);
            if (!live) {
                ObjectNode tree = (ObjectNode) DocumentFields.JSON.readTree(body);
                ((ObjectNode) tree.path("settings")).put("refresh_interval", "-1").put("number_of_replicas", 0);
                body = DocumentFields.JSON.writeValueAsString(tree);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String json = body;
        call("create a search index", () -> client.indices().create(c -> {
            c.index(indexName(name)).withJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                    .aliases(buildingAlias, a -> a);
            return live ? c.aliases(alias, a -> a) : c;
        }));
        log.info("Search index {} created{}", indexName(name), live ? " (alias " + alias + ")"
                : " to be built (no refreshes, no replicas until it is built)");
    }

    /** The refresh interval and replicas a live index has (the index file's, the configuration's). */
    @Override
    public void built(String name) {
        String refreshInterval;
        try {
            refreshInterval = DocumentFields.JSON.readTree(ElasticsearchSearchIndex.indexBody(settings))
                    .path("settings").path("refresh_interval").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String index = indexName(name);
        call("restore the built search index's refreshes and replicas", () -> client.indices().putSettings(p -> p
                .index(index).settings(s -> s.refreshInterval(t -> t.time(refreshInterval))
                        .numberOfReplicas(Integer.toString(settings.replicas())))));
        if (settings.replicas() > 0) {
            // The replicas copy the index before the old one is dropped; a cluster that cannot place them (one
            // node) stays yellow, as the index would have been from the start: the switch goes ahead anyway.
            var health = call("wait for the built search index's replicas", () -> client.cluster().health(h -> h
                    .index(index).waitForStatus(HealthStatus.Green).timeout(t -> t.time("60s"))));
            if (health.timedOut()) {
                log.warn("Search index {}: its {} replicas are not all allocated after 60 s; switching it in anyway",
                        index, settings.replicas());
            }
        }
        log.info("Search index {} built: refresh every {}, {} replicas", index, refreshInterval,
                settings.replicas());
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
