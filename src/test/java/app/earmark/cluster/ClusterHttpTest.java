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
                "/actuator/heapdump"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path + " " + response.headers().map()).isIn(401, 403, 404);
        }
    }

    @Test
    void aSessionIdEndsWithTheNodesRouteForStickySessions() throws Exception {
        HttpResponse<String> login = get("/login");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .matches("JSESSIONID=[0-9A-F]+\\.node-a;.*"));
    }
}
