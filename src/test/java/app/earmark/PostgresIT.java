package app.earmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.audit.AuditLog;
import app.earmark.catalogue.CatalogueImport;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.retention.ClosureOutcome;
import app.earmark.retention.Retention;
import app.earmark.recordings.ChapteredCopies;
import app.earmark.recordings.ChapteredCopyChecks;
import app.earmark.recordings.JobsAcrossNodes;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.PostgresServer;
import app.earmark.support.SignedIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
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
        PostgresServer.register(registry);
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
    @Autowired
    Discussions discussions;
    @Autowired
    Retention retention;
    @Autowired
    DataSource dataSource;
    @Autowired
    ChapteredCopies copies;
    @Autowired
    RecordingFixtures fixtures;

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

        // The search feed records what it indexed (its statements as PostgreSQL runs them).
        long learner = jdbc.queryForObject("select id from app_user where username = 'learner'", Long.class);
        long discussion = signedIn.as("assessor", () -> discussions.create(List.of(learner),
                Set.of(discussions.unitsFor(learner).get(0).id()), LocalDate.now(), DiscussionMode.REMOTE).id());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from search_entry"
                + " where document_id = ?", Integer.class, "discussion:" + discussion) == 1
                && jdbc.queryForObject("select count(*) from search_outbox", Integer.class) == 0);

        // Retention's statements as PostgreSQL runs them: the centre row made and locked, a period, a withdrawal, a hold
        // (generated key), the preview.
        signedIn.as("admin", () -> retention.setQualificationMonths("8587", 24));
        signedIn.as("admin", () -> retention.recordClosure(learner, "8587", ClosureOutcome.WITHDRAWN, LocalDate.now()));
        long hold = signedIn.as("iqa", () -> retention.placeHold(learner, discussion, "Kept for the EQA")).id();
        assertThat(signedIn.as("iqa", () -> retention.holdsOf(learner))).extracting(h -> h.hold().id()).contains(hold);
        assertThat(signedIn.as("admin", () -> retention.preview()).deletable()).isEmpty();
        assertThat(signedIn.as("admin", () -> retention.learnerQualifications())).anySatisfy(q ->
                assertThat(q.outcome()).isEqualTo(ClosureOutcome.WITHDRAWN));

        var chain = auditLog.verify();
        assertThat(chain.intact()).as(chain.summary()).isTrue();
        assertThat(chain.entriesChecked()).isGreaterThan(10);
    }

    /**
     * A second person asking for a copy with chapters that is being made joins its job: the request's statements never
     * fail on the first caller's row (a failed statement would abort the transaction on PostgreSQL).
     */
    @Test
    void aCallerJoiningAWaitingChapteredCopyJobGetsItsOutcomeOnPostgres() {
        new ChapteredCopyChecks(copies, fixtures, signedIn, jdbc).aCallerJoiningAWaitingJobGetsItsOutcome();
    }

    /**
     * Jobs across nodes on PostgreSQL (the table made by V23): two db-scheduler nodes besides this application's own
     * claim each job once, take over a dead node's job but not a live one's, and run a recurring task once across them;
     * this application's own periodic tasks have one row each.
     */
    @Test
    void jobsAreClaimedAcrossNodesOnPostgres() throws InterruptedException {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from scheduled_tasks"
                + " where task_name in ('live-recordings-close-abandoned', 'uploads-expire', 'recording-ingest-check')",
                Integer.class) == 3);
        var cluster = new JobsAcrossNodes(dataSource);
        try {
            cluster.eachJobIsClaimedByOneNode();
            cluster.aDeadNodesJobIsTakenOverByTheOther();
            cluster.aLiveNodesLongJobIsNotTakenOver();
            cluster.aRecurringTaskRunsOnceAcrossBothNodes();
        } finally {
            cluster.stopAll();
        }
    }
}
