package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.support.AuditTrail;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code java -jar earmark.jar --earmark.search.reindex}: the application starts with the property set (as the
 * command-line argument sets it), the command starts a rebuild at start-up and says so, Earmark keeps running (it
 * does not exit: the live index answers while the new one is built), and the new index is switched in.
 */
@SpringBootTest(properties = {"earmark.search.reindex=true",
        // A database of its own, so no other test context's search feed applies changes meanwhile.
        "spring.datasource.url=jdbc:h2:mem:search-reindex;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class SearchReindexCommandTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    SearchReindexCommand command;
    @Autowired
    SearchIndexes indexes;
    @Autowired
    SearchFeed feed;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditTrail trail;

    @Test
    void theCommandStartsARebuildAtStartUpAndEarmarkRunsOnUntilItIsSwitchedIn(CapturedOutput output) {
        String line = output.getAll().lines().filter(l -> l.contains("--earmark.search.reindex: building"))
                .findFirst().orElseThrow(() -> new AssertionError("the command printed nothing:\n"
                        + output.getAll().lines().filter(l -> l.contains("search")).toList()));
        String name = line.replaceAll(".*building search index (v\\d+-[a-z0-9]+) from .*", "$1");
        assertThat(name).matches("v" + indexes.mappingVersion() + "-[a-z0-9]+");
        int total = jdbc.queryForObject("select total from search_build where name = ?", Integer.class, name);
        // Every discussion (not deleted) and result sheet of this context's database.
        assertThat(total).isEqualTo(jdbc.queryForObject("select (select count(*) from discussion where deleted_at is null)"
                + " + (select count(*) from result_sheet)", Integer.class));
        assertThat(line).contains("from " + total + " discussions and result sheets; the current index answers"
                + " until it is switched in");
        assertThat(jdbc.queryForObject("select started_by from search_build where name = ?", String.class, name))
                .isEqualTo("system");
        assertThat(context.isRunning()).isTrue();

        await().atMost(Duration.ofSeconds(120)).until(() -> name.equals(indexes.layout().live())
                && indexes.layout().building() == null && feed.status().lastBuilt() != null);
        assertThat(jdbc.queryForObject("select done from search_build where name = ?", Integer.class, name))
                .isEqualTo(total);
        assertThat(feed.status().lastBuilt().index()).isEqualTo(name);
        assertThat(trail.since(0)).filteredOn(e -> "search-index-rebuilt".equals(e.get("action"))
                && ((String) e.get("details")).contains(name)).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("system"));
        assertThat(trail.since(0)).filteredOn(e -> "search-index-switched".equals(e.get("action"))
                && ((String) e.get("details")).contains(name)).hasSize(1);
        assertThat(context.isRunning()).isTrue();
    }
}
