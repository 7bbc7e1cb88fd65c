package app.earmark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** What a load balancer sees of a node over real HTTP: health without details, and sessions marked with the route. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-cluster-http;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.cluster.route=node-a"})
@ActiveProfiles("test")
class ClusterHttpTest {

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessAndLivenessAreOpenAndSayOnlyUp() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness",
                "/actuator/health/liveness"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).startsWith("{\"status\":\"UP\"").doesNotContain("components",
                    "details", "diskSpace", "db");
        }
    }

    @Test
    void nothingElseOfTheActuatorIsReachable() throws Exception {
        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/health/db", "/actuator/beans",
                "/actuator/heapdump", "/actuator/health/mediaStore", "/actuator/health/searchEngine",
                "/actuator/health/workerPool", "/actuator/metrics"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path + " " + response.headers().map()).isIn(401, 403, 404);
        }
    }

    @Test
    void prometheusMetricsAnswerOnlyWithTheConfiguredBearerToken() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong-token-0123456789abc", "Bearer ",
                "Basic dGVzdDp0ZXN0", "Bearer test-metrics-token-012345678", "bearer test-metrics-token-0123456789"}) {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(403);
            assertThat(response.body()).doesNotContain("earmark_", "jvm_");
        }

        HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).header("Authorization", "Bearer test-metrics-token-0123456789").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain"));
        assertThat(scrape.body()).contains("# TYPE earmark_ingest_queue gauge", "jvm_memory_used_bytes",
                "application=\"earmark\"");

        HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).header("Authorization", "Bearer test-metrics-token-0123456789")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(403);
    }

    @Test
    void aSessionIdEndsWithTheNodesRouteForStickySessions() throws Exception {
        HttpResponse<String> login = get("/login");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .matches("JSESSIONID=[0-9A-F]+\\.node-a;.*"));
    }
}
