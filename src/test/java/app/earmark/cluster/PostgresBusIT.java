package app.earmark.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.support.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** Two nodes' buses on a real PostgreSQL server: what one sends the other hears, at commit, and again after a cut. */
@ExtendWith(PostgresServer.class)
class PostgresBusIT {

    record Changed(long id, List<Long> criteria, Instant at, String note) {
    }

    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(PostgresServer.jdbcUrl(),
            PostgresServer.USER, "");
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final List<PostgresBus> buses = new ArrayList<>();

    private PostgresBus node(String name) {
        PostgresBus bus = PostgresTestBus.open(name, jdbc);
        buses.add(bus);
        return bus;
    }

    @AfterEach
    void close() {
        buses.forEach(PostgresBus::close);
    }

    @Test
    void whatOneNodeSendsTheOtherHearsAsTheSameRecordAndTheSenderDoesNot() throws Exception {
        PostgresBus a = node("a");
        PostgresBus b = node("b");
        BlockingQueue<Changed> atA = new LinkedBlockingQueue<>();
        BlockingQueue<Changed> atB = new LinkedBlockingQueue<>();
        a.subscribe("tags", Changed.class, atA::add);
        Runnable stop = b.subscribe("tags", Changed.class, atB::add);
        b.subscribe("other", Changed.class, m -> atB.add(new Changed(-1, List.of(), m.at(), "wrong topic")));

        Changed sent = new Changed(7, List.of(21L, 22L), Instant.parse("2026-12-06T09:15:30.123Z"), "Open question £ é");
        a.publish("tags", sent);

        assertThat(atB.poll(10, TimeUnit.SECONDS)).isEqualTo(sent);
        assertThat(atA.poll(500, TimeUnit.MILLISECONDS)).isNull();
        assertThat(atB).isEmpty();

        stop.run();
        a.publish("tags", sent);
        b.publish("tags", sent);
        assertThat(atA.poll(10, TimeUnit.SECONDS)).isEqualTo(sent);
        assertThat(atB.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aMessageSentInATransactionGoesAtCommitAndNotAtAllOnRollback() throws Exception {
        PostgresBus a = node("a");
        PostgresBus b = node("b");
        BlockingQueue<Changed> atB = new LinkedBlockingQueue<>();
        b.subscribe("tags", Changed.class, atB::add);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        transaction.executeWithoutResult(status -> {
            a.publish("tags", new Changed(1, List.of(), Instant.EPOCH, "rolled back"));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> {
            a.publish("tags", new Changed(2, List.of(), Instant.EPOCH, "committed"));
            try {
                assertThat(atB.poll(700, TimeUnit.MILLISECONDS)).as("not before the commit").isNull();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(atB.poll(10, TimeUnit.SECONDS)).extracting(Changed::note).isEqualTo("committed");
        assertThat(atB.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aNodeWhoseConnectionIsCutListensAgainAndHearsWhatIsSentAfter() throws Exception {
        PostgresBus a = node("a");
        PostgresBus b = node("b");
        BlockingQueue<Changed> atB = new LinkedBlockingQueue<>();
        b.subscribe("tags", Changed.class, atB::add);

        int cut = jdbc.queryForObject("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where application_name = ?", Integer.class, PostgresBus.applicationName("b"));
        assertThat(cut).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !b.listening());
        await().atMost(Duration.ofSeconds(10)).until(b::listening);

        a.publish("tags", new Changed(3, List.of(), Instant.EPOCH, "after the cut"));
        assertThat(atB.poll(10, TimeUnit.SECONDS)).extracting(Changed::note).isEqualTo("after the cut");
    }

    @Test
    void aMessageTooLargeForPostgresIsNotSentAndTheSenderCarriesOn() throws Exception {
        PostgresBus a = node("a");
        PostgresBus b = node("b");
        BlockingQueue<Changed> atB = new LinkedBlockingQueue<>();
        b.subscribe("tags", Changed.class, atB::add);

        a.publish("tags", new Changed(4, List.of(), Instant.EPOCH, "x".repeat(PostgresBus.MAX_PAYLOAD)));
        a.publish("tags", new Changed(5, List.of(), Instant.EPOCH, "ü".repeat(2000)));

        assertThat(atB.poll(10, TimeUnit.SECONDS)).extracting(Changed::id).isEqualTo(5L);
        assertThat(atB.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }
}
