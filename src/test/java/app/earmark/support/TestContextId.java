package app.earmark.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each application context a test starts an id of its own, {@value #PROPERTY}, fixed for the context's life
 * ({@code ${random.uuid}} is new at each lookup). {@code application-test.properties} and {@link BrowserTest} name the
 * context's in-memory database, folders and search index with it.
 *
 * <p>Spring keeps the contexts of different test configurations alive side by side (a browser test with a test clock
 * beside the plain browser tests, say). Sharing a database, each context's search feed, job scheduler and audit chain
 * took the other's rows: the other context's feed could apply a tag's outbox row to its own index, and the tag was
 * never found in the index of the context that made it.
 */
public class TestContextId implements EnvironmentPostProcessor {

    public static final String PROPERTY = "earmark.test.context-id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty(PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource("earmarkTestContextId",
                    Map.of(PROPERTY, UUID.randomUUID().toString())));
        }
    }
}
