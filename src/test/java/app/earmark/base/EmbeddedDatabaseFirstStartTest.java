package app.earmark.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A first start killed during its migrations, as H2 leaves it (a file database: the migrations up to V14 recorded,
 * V15's tables made but not recorded, since H2 commits each DDL statement on its own): the next start empties it and
 * migrates it whole. The same database with an account in it is left as it is, and its migration fails as before.
 */
class EmbeddedDatabaseFirstStartTest {

    @TempDir
    Path dir;

    @Test
    void aFirstStartStoppedDuringItsMigrationsIsMigratedAgainFromEmpty() throws Exception {
        Flyway flyway = halfMade(dir.resolve("first"));
        assertThatThrownBy(() -> flyway(dir.resolve("first"), null).migrate()).as("as it failed before")
                .hasMessageContaining("V15__eqa_grants.sql");

        Flyway again = flyway(dir.resolve("first"), null);
        assertThat(EmbeddedDatabaseFirstStart.emptyIfFirstStartWasInterrupted(again)).isTrue();
        MigrateResult result = again.migrate();
        assertThat(result.success).isTrue();
        assertThat(again.info().pending()).isEmpty();
        assertThat(again.info().applied()[0].getVersion().getVersion()).isEqualTo("1");
        assertThat(EmbeddedDatabaseFirstStart.emptyIfFirstStartWasInterrupted(again)).as("whole: nothing to do")
                .isFalse();
    }

    @Test
    void aDatabaseWithAnAccountIsNeverEmptied() throws Exception {
        Flyway flyway = halfMade(dir.resolve("used"));
        JdbcTemplate jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
        jdbc.update("insert into centre (number, name) values ('12345', 'Our Centre')");
        jdbc.update("insert into app_user (centre_id, username, display_name, password_hash, enabled, created_at,"
                + " version) select id, 'alex', 'Alex Admin', 'x', true, current_timestamp, 0 from centre");

        assertThat(EmbeddedDatabaseFirstStart.emptyIfFirstStartWasInterrupted(flyway)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from app_user", Long.class)).isEqualTo(1);
        assertThatThrownBy(flyway::migrate).hasMessageContaining("V15__eqa_grants.sql");
    }

    /** Migrated to V14, then V15's statements run without Flyway recording them: a kill between the two. */
    private Flyway halfMade(Path database) throws Exception {
        flyway(database, "14").migrate();
        Flyway flyway = flyway(database, null);
        String v15 = new String(new ClassPathResource("db/migration/V15__eqa_grants.sql").getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        JdbcTemplate jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
        String first = v15.substring(v15.indexOf("create table"), v15.indexOf(';', v15.indexOf("create table")));
        jdbc.execute(first);
        return flyway;
    }

    private static Flyway flyway(Path database, String target) throws Exception {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + database
                + "/earmark;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }
}
