package app.earmark.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Migrations of an H2 file database stopped half-way, as H2 leaves them (a migration's first table made but not
 * recorded, since H2 commits each DDL statement on its own). A first start's database (no account, nothing audited)
 * is emptied and migrated whole; a used database is never emptied: it is copied before its upgrade, a start after a
 * failed one takes no new copy, and the failure names the copy. The copy is read back with H2's own driver.
 */
class EmbeddedDatabaseMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aFirstStartStoppedDuringItsMigrationsIsMigratedAgainFromEmpty() throws Exception {
        Path database = dir.resolve("first");
        flyway(database, "14").migrate();
        halfMadeV15(database);
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
    void aFirstStartStoppedDuringItsFirstMigrationIsMigratedAgainFromEmpty() throws Exception {
        Path database = dir.resolve("v1");
        String v1 = migration("V1__foundation.sql");
        int start = v1.indexOf("create table");
        jdbc(database).execute(v1.substring(start, v1.indexOf(';', start)));
        assertThat(flyway(database, null).info().applied()).isEmpty();

        Flyway again = flyway(database, null);
        EmbeddedDatabaseMigration.migrate(again);
        assertThat(again.info().pending()).isEmpty();
    }

    @Test
    void aUsedDatabaseIsCopiedBeforeItsUpgradeNeverEmptiedAndAFailureNamesTheCopy() throws Exception {
        Path database = dir.resolve("used");
        flyway(database, "14").migrate();
        JdbcTemplate jdbc = jdbc(database);
        // Used, though nobody has an account: a centre started without its first administrator audits the catalogue.
        jdbc.update("insert into audit_entry (seq, occurred_at, actor, action, subject, details, previous_hash, hash)"
                + " values (1, current_timestamp, 'system', 'unit-stored', 'unit:1', 'Unit stored', 'g', 'h')");
        Path backups = database.resolve("backups");

        // The upgrade's first try copies the database and says so in backups/upgrading; then it is stopped half-way.
        EmbeddedDatabaseMigration.Upgrade upgrade = EmbeddedDatabaseMigration.prepare(flyway(database, null))
                .orElseThrow();
        assertThat(upgrade.copy().getParent()).isEqualTo(backups);
        assertThat(upgrade.copy().getFileName().toString()).startsWith("earmark-v14-before-v15-").endsWith(".zip");
        assertThat(Files.readString(backups.resolve(EmbeddedDatabaseMigration.UPGRADING)).trim())
                .isEqualTo(upgrade.copy().toString());
        halfMadeV15(database);

        // The next start takes no new copy, fails on the half-made migration, names the copy, and empties nothing.
        assertThatThrownBy(() -> EmbeddedDatabaseMigration.migrate(flyway(database, null)))
                .hasMessageContaining("V15__eqa_grants.sql").hasMessageContaining(upgrade.copy().toString());
        assertThat(copies(backups)).containsExactly(upgrade.copy());
        assertThat(jdbc.queryForObject("select count(*) from audit_entry", Long.class)).isEqualTo(1);

        // Restored as the message says, the copy is the database as it was: at V14, audited, and it upgrades whole.
        Path restored = dir.resolve("restored");
        unzip(upgrade.copy(), restored);
        Files.delete(backups.resolve(EmbeddedDatabaseMigration.UPGRADING));
        assertThat(jdbc(restored).queryForObject("select action from audit_entry", String.class))
                .isEqualTo("unit-stored");
        Flyway upgraded = flyway(restored, null);
        EmbeddedDatabaseMigration.migrate(upgraded);
        assertThat(upgraded.info().pending()).isEmpty();
        assertThat(restored.resolve("backups").resolve(EmbeddedDatabaseMigration.UPGRADING))
                .as("gone once the upgrade finished").doesNotExist();
        assertThat(copies(restored.resolve("backups"))).hasSize(1);
    }

    @Test
    void theDatabaseFileIsReadFromTheUrlAsH2ReadsIt() {
        assertThat(EmbeddedDatabaseMigration.databaseFile("jdbc:h2:file:/srv/earmark/data/earmark;MODE=PostgreSQL"))
                .isEqualTo(Path.of("/srv/earmark/data/earmark"));
        assertThat(EmbeddedDatabaseMigration.databaseFile("jdbc:h2:file:~/earmark-data/earmark"))
                .isEqualTo(Path.of(System.getProperty("user.home"), "earmark-data", "earmark"));
    }

    /** V15's first statement run without Flyway recording it: a kill between the two. */
    private void halfMadeV15(Path database) throws Exception {
        String v15 = migration("V15__eqa_grants.sql");
        int start = v15.indexOf("create table");
        jdbc(database).execute(v15.substring(start, v15.indexOf(';', start)));
    }

    private static String migration(String name) throws Exception {
        return new String(new ClassPathResource("db/migration/" + name).getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
    }

    private static List<Path> copies(Path backups) throws Exception {
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(f -> f.toString().endsWith(".zip")).toList();
        }
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
