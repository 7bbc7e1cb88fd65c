package app.earmark.base;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded database's migrations, made safe to interrupt. H2 commits each DDL statement on its own (PostgreSQL
 * runs a migration in one transaction), so a start killed during its migrations leaves some tables made and no line
 * for them in Flyway's history, and every later start fails on the migration that made them ("Script
 * V15__eqa_grants.sql failed").
 * <ul>
 * <li>A first start: its database has nobody in it yet. It is emptied and migrated again from the start.</li>
 * <li>An upgrade (a database with accounts, and migrations to apply): H2 copies the database to
 * {@code backups/earmark-v{last}-before-v{next}.zip} beside it first (kept if there already, so a second try does not
 * replace the copy made before the first), and a failed migration says to restore that copy.</li>
 * </ul>
 * PostgreSQL is left to Flyway as it is.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseMigration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseMigration.class);
    private static final String H2_FILE = "jdbc:h2:file:";

    @Bean
    FlywayMigrationStrategy migrationStrategy() {
        return EmbeddedDatabaseMigration::migrate;
    }

    static void migrate(Flyway flyway) {
        Optional<Path> backup = prepare(flyway);
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            if (backup.isEmpty()) {
                throw e;
            }
            throw new IllegalStateException("Upgrading the embedded database failed: " + e.getMessage() + " Its copy"
                    + " from before the upgrade is " + backup.get() + ". Stop Earmark, move the database's files"
                    + " (earmark.mv.db) aside, unzip that copy in their place, and start the earlier version of"
                    + " Earmark again, or this one once the cause is mended (docs/deployment.md, Backups).", e);
        }
    }

    /**
     * Before migrating an H2 file database that some but not all migrations reached: empties it if it has no accounts
     * (a first start stopped half-way), or copies it if it has (an upgrade). Returns the copy, if one is kept.
     */
    static Optional<Path> prepare(Flyway flyway) {
        MigrationInfoService info = flyway.info();
        if (info.applied().length == 0 || info.pending().length == 0) {
            return Optional.empty();
        }
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            String url = connection.getMetaData().getURL();
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName()) || !url.startsWith(H2_FILE)) {
                return Optional.empty();
            }
            MigrationInfo last = info.applied()[info.applied().length - 1];
            if (!anyAccount(statement)) {
                log.warn("The embedded database {} was left half made by a first start that was stopped during its"
                        + " migrations (the last recorded: {}; {} to go) and has no accounts yet: emptying it and"
                        + " migrating it again from the start.", url, last.getScript(), info.pending().length);
                statement.execute("drop all objects");
                return Optional.empty();
            }
            Path database = Path.of(url.substring(H2_FILE.length()).split(";")[0]).toAbsolutePath();
            Path backup = database.resolveSibling("backups").resolve(database.getFileName() + "-v" + last.getVersion()
                    + "-before-v" + info.pending()[0].getVersion() + ".zip");
            if (Files.exists(backup)) {
                log.warn("Upgrading the embedded database {} again; its copy from before the first try is kept: {}",
                        url, backup);
                return Optional.of(backup);
            }
            Files.createDirectories(backup.getParent());
            Path partial = backup.resolveSibling(backup.getFileName() + ".part");
            Files.deleteIfExists(partial);
            statement.execute("backup to '" + partial.toString().replace("'", "''") + "'");
            Files.move(partial, backup, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("Copied the embedded database to {} before upgrading it ({} migrations to apply)", backup,
                    info.pending().length);
            return Optional.of(backup);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Could not check, empty or copy the embedded database before migrating it",
                    e);
        }
    }

    private static boolean anyAccount(Statement statement) throws SQLException {
        try (ResultSet table = statement.executeQuery("select count(*) from information_schema.tables"
                + " where lower(table_name) = 'app_user'")) {
            table.next();
            if (table.getLong(1) == 0) {
                return false;
            }
        }
        try (ResultSet accounts = statement.executeQuery("select count(*) from app_user")) {
            accounts.next();
            return accounts.getLong(1) > 0;
        }
    }
}
