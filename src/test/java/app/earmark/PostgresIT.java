package app.earmark;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.audit.AuditLog;
import app.earmark.catalogue.CatalogueImport;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.support.PostgresServer;
import app.earmark.support.SignedIn;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The production database: the same migrations, start-up and services on a real PostgreSQL server. */
@ExtendWith(PostgresServer.class)
@SpringBootTest(properties = "earmark.media-store=target/test-media-postgres")
@ActiveProfiles("test")
@DirtiesContext
class PostgresIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresServer::jdbcUrl);
        registry.add("spring.datasource.username", () -> PostgresServer.USER);
        registry.add("spring.datasource.password", () -> "");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SignedIn signedIn;
    @Autowired
    People people;
    @Autowired
    CatalogueImport catalogueImport;
    @Autowired
    AuditLog auditLog;

    @Test
    void migrationsCatalogueDemoCentreAndAuditTrailWorkOnPostgres() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isPositive();
        assertThat(jdbc.queryForObject("select count(*) from catalogue_criterion", Integer.class)).isEqualTo(104);
        assertThat(signedIn.as("assessor", () -> people.visibleLearners())).extracting(LearnerSummary::username)
                .containsExactlyInAnyOrder("learner", "learner2");

        String unit = """
                {"code": "PG-1", "version": 1, "title": "On PostgreSQL", "level": 3, "sheet": "RESULT_SHEET",
                 "learningOutcomes": [{"number": 1, "title": "Store", "assessmentCriteria": [
                   {"number": "1.1", "text": "Store a unit"}]}]}""";
        var result = signedIn.as("admin", () -> catalogueImport.importUnit("pg-1.json",
                unit.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.unit().criterionIds()).containsOnlyKeys("1.1");

        var chain = auditLog.verify();
        assertThat(chain.intact()).as(chain.summary()).isTrue();
        assertThat(chain.entriesChecked()).isGreaterThan(10);
    }
}
