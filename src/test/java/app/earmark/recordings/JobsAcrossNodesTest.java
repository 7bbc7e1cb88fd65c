package app.earmark.recordings;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two db-scheduler nodes on one H2 database made by Earmark's migrations (the embedded default): see
 * {@link JobsAcrossNodes}.
 */
class JobsAcrossNodesTest {

    private JobsAcrossNodes cluster;

    @BeforeEach
    void database() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        cluster = new JobsAcrossNodes(dataSource);
    }

    @AfterEach
    void stop() {
        cluster.stopAll();
    }

    @Test
    void eachJobIsClaimedByOneNode() {
        cluster.eachJobIsClaimedByOneNode();
    }

    @Test
    void aDeadNodesJobIsTakenOverByTheOther() {
        cluster.aDeadNodesJobIsTakenOverByTheOther();
    }

    @Test
    void aLiveNodesLongJobIsNotTakenOver() throws InterruptedException {
        cluster.aLiveNodesLongJobIsNotTakenOver();
    }

    @Test
    void aRecurringTaskRunsOnceAcrossBothNodes() throws InterruptedException {
        cluster.aRecurringTaskRunsOnceAcrossBothNodes();
    }
}
