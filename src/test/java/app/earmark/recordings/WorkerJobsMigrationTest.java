package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration V35 on a database with jobs waiting (H2, as the embedded default; PostgresIT runs every migration on
 * PostgreSQL): the ingest and chaptered-copy jobs move, with their state, from {@code scheduled_tasks} to their own
 * tables, and every other task stays where it was.
 */
class WorkerJobsMigrationTest {

    @Test
    void waitingWorkerJobsMoveToTheirOwnTablesAndTheRestStay() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:worker-jobs-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("34").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Timestamp due = Timestamp.from(Instant.parse("2026-12-07T10:00:00Z"));
        Timestamp beat = Timestamp.from(Instant.parse("2026-12-07T09:59:50Z"));
        String insert = "insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,"
                + " picked_by, last_heartbeat, version) values (?, ?, ?, ?, ?, ?, ?, ?)";
        jdbc.update(insert, "recording-ingest", "41", null, due, true, "node-a", beat, 3);
        jdbc.update(insert, "chaptered-copy", "abc/chapters-1", new byte[] {1, 2, 3}, due, false, null, null, 1);
        jdbc.update(insert, "recording-ingest-check", "recurring", null, due, false, null, null, 7);

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        var ingest = jdbc.queryForMap("select task_instance, execution_time, picked, picked_by, last_heartbeat,"
                + " version from " + IngestQueue.TABLE + " where task_name = ?", IngestQueue.TASK);
        assertThat(ingest).containsEntry("task_instance", "41").containsEntry("picked", true)
                .containsEntry("picked_by", "node-a").containsEntry("version", 3L);
        assertThat(jdbc.queryForObject("select execution_time from " + IngestQueue.TABLE, Timestamp.class))
                .isEqualTo(due);
        assertThat(jdbc.queryForObject("select last_heartbeat from " + IngestQueue.TABLE, Timestamp.class))
                .isEqualTo(beat);
        assertThat(jdbc.queryForObject("select task_data from " + ChapterQueue.TABLE + " where task_name = ? and"
                + " task_instance = ?", byte[].class, ChapterQueue.TASK, "abc/chapters-1")).containsExactly(1, 2, 3);
        assertThat(jdbc.queryForList("select task_name from scheduled_tasks", String.class))
                .containsExactly("recording-ingest-check");
    }
}
