package app.earmark.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Migrations of an H2 file database stopped half-way, as H2 leaves them (the migrations up to V14 recorded, V15's
 * first table made but not recorded, since H2 commits each DDL statement on its own). A first start's database
 * (nobody in it) is emptied and migrated whole; a database with an account is never emptied: it is copied before its
 * upgrade, a second try keeps that copy, and the failure names it. The copy is read back with H2's own driver.
 */
class EmbeddedDatabaseMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aFirstStartStoppedDuringItsMigrationsIsMigratedAgainFromEmpty() throws Exception {
        Path database = dir.resolve("first");
        halfMade(database);
        assertThatThrownBy(() -> flyway(database, null).migrate()).as("Flyway alone, as it failed before")
                .hasMessageContaining("V15__eqa_grants.sql");

        Flyway again = flyway(database, null);
        EmbeddedDatabaseMigration.migrate(again);
        assertThat(again.info().pending()).isEmpty();
        assertThat(again.info().applied()[0].getVersion().getVersion()).isEqualTo("1");
        assertThat(database.resolve("backups")).doesNotExist();
        assertThat(EmbeddedDatabaseMigration.prepare(again)).as("whole: nothing to do").isEmpty();
    }

    @Test
    void anUpgradeIsCopiedFirstAndOneStoppedHalfWayIsNeverEmptiedButNamesTheCopy() throws Exception {
        Path database = dir.resolve("used");
        flyway(database, "14").migrate();
        JdbcTemplate jdbc = jdbc(database);
        jdbc.update("insert into centre (number, name) values ('12345', 'Our Centre')");
        jdbc.update("insert into app_user (centre_id, username, display_name, password_hash, enabled, created_at,"
                + " version) select id, 'alex', 'Alex Admin', 'x', true, current_timestamp, 0 from centre");
        Path copy = database.resolve("backups").resolve("earmark-v14-before-v15.zip");

        // The upgrade's first try copies the database, then is stopped half-way through V15.
        assertThat(EmbeddedDatabaseMigration.prepare(flyway(database, null))).contains(copy);
        halfMade(database);

        // The next start keeps that copy, fails on the half-made migration, says where the copy is, and empties nothing.
        long copied = Files.size(copy);
        assertThatThrownBy(() -> EmbeddedDatabaseMigration.migrate(flyway(database, null)))
                .hasMessageContaining("V15__eqa_grants.sql").hasMessageContaining(copy.toString());
        assertThat(Files.size(copy)).isEqualTo(copied);
        assertThat(jdbc.queryForObject("select count(*) from app_user", Long.class)).isEqualTo(1);

        // The copy is the database as it was before the upgrade: unzipped, H2 opens it, with the account and at V14.
        Path restored = dir.resolve("restored");
        unzip(copy, restored);
        JdbcTemplate old = jdbc(restored);
        assertThat(old.queryForObject("select username from app_user", String.class)).isEqualTo("alex");
        assertThat(old.queryForList("select table_name from information_schema.tables where table_name = 'eqa_grant'"))
                .isEmpty();
        Flyway upgraded = flyway(restored, null);
        EmbeddedDatabaseMigration.migrate(upgraded);
        assertThat(upgraded.info().pending()).isEmpty();
    }

    /** V15's first statement run without Flyway recording it: a kill between the two. */
    private void halfMade(Path database) throws Exception {
        if (flyway(database, null).info().applied().length == 0) {
            flyway(database, "14").migrate();
        }
        String v15 = new String(new ClassPathResource("db/migration/V15__eqa_grants.sql").getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        int start = v15.indexOf("create table");
        jdbc(database).execute(v15.substring(start, v15.indexOf(';', start)));
    }

    private static void unzip(Path zip, Path into) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                Path file = into.resolve(entry.getName()).normalize();
                assertThat(file.startsWith(into)).as(entry.getName()).isTrue();
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
            }
        }
        assertThat(names).contains("earmark.mv.db");
    }

    private static SimpleDriverDataSource dataSource(Path database) {
        return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + database
                + "/earmark;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
    }

    private static JdbcTemplate jdbc(Path database) {
        return new JdbcTemplate(dataSource(database));
    }

    private static Flyway flyway(Path database, String target) {
        var configuration = Flyway.configure().dataSource(dataSource(database)).locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }
}
