package app.earmark.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TestContextIdTest {

    private final TestContextId postProcessor = new TestContextId();

    @Test
    void eachContextGetsItsOwnDatabaseNameWhichStaysTheSameAtEachLookup() {
        StandardEnvironment first = environment();
        StandardEnvironment second = environment();
        postProcessor.postProcessEnvironment(first, null);
        postProcessor.postProcessEnvironment(second, null);

        String url = first.getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:mem:earmark-").doesNotContain("${")
                .isEqualTo(first.getProperty("spring.datasource.url"));
        assertThat(second.getProperty("spring.datasource.url")).doesNotContain("${").isNotEqualTo(url);
    }

    @Test
    void anIdGivenByTheTestIsKept() {
        StandardEnvironment environment = environment();
        environment.getPropertySources().addFirst(new MapPropertySource("given",
                Map.of(TestContextId.PROPERTY, "node-a")));
        postProcessor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:mem:earmark-node-a");
    }

    private static StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("spring.datasource.url",
                "jdbc:h2:mem:earmark-${" + TestContextId.PROPERTY + "}")));
        return environment;
    }
}
