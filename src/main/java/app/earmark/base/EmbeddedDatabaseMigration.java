package app.earmark.base;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
 * runs a migration in one transaction), so a start stopped during its migrations leaves some tables made and no line
 * for them in Flyway's history, and every later start fails on the migration that made them ("Script
 * V15__eqa_grants.sql failed").
 * <ul>
 * <li>A first start stopped half-way: nobody has an account and nothing was audited yet ({@code app_user} and
 * {@code audit_entry} empty or not made; a migration that renames either must change {@link #neverUsed}). It is
 * emptied and migrated again from the start.</li>
 * <li>An upgrade (migrations to apply to a database that was used): H2 copies the database to
 * {@code backups/earmark-v{last}-before-v{next}-{time}.zip} beside it first, and {@code backups/upgrading} names that
 * copy until the migrations have all run. A start that finds {@code upgrading} (the upgrade before it failed or was
 * stopped) takes no new copy, and a failed migration says to restore the one named.</li>
 * </ul>
 * PostgreSQL, and H2 in memory, are left to Flyway as they are.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseMigration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseMigration.class);
    private static final String H2_FILE = "jdbc:h2:file:";
    private static final String HISTORY = "flyway_schema_history";
    static final String UPGRADING = "upgrading";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Bean
    FlywayMigrationStrategy migrationStrategy() {
        return EmbeddedDatabaseMigration::migrate;
    }

    static void migrate(Flyway flyway) {
        Optional<Upgrade> upgrade = prepare(flyway);
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            if (upgrade.isEmpty()) {
                throw e;
            }
            throw new IllegalStateException("Upgrading the embedded database failed: " + e.getMessage() + " Its copy"
                    + " from before the upgrade is " + upgrade.get().copy() + ". Stop Earmark, move the database's"
                    + " files (earmark.mv.db) aside, unzip that copy in their place, delete " + upgrade.get().marker()
                    + ", and start the earlier version of Earmark again, or this one once the cause is mended"
                    + " (docs/deployment.md, Backups).", e);
        }
        upgrade.ifPresent(Upgrade::finished);
    }

    /** An upgrade under way: the copy taken before it, named by the marker until it has finished. */
    record Upgrade(Path copy, Path marker) {
        void finished() {
            try {
                Files.deleteIfExists(marker);
                log.info("Upgraded the embedded database; its copy from before is {}", copy);
            } catch (IOException e) {
                throw new IllegalStateException("Upgraded the embedded database but could not remove " + marker, e);
            }
        }
    }

    /**
     * Before migrating an H2 file database that has migrations to apply: empties it if a first start stopped half-way
     * through it, or copies it if it was used (an upgrade). Returns the upgrade, if one is under way.
     */
    static Optional<Upgrade> prepare(Flyway flyway) {
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            String url = connection.getMetaData().getURL();
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName()) || !url.startsWith(H2_FILE)) {
                return Optional.empty(); // PostgreSQL, or H2 in memory: Flyway's own (its state read once, by it)
            }
            MigrationInfoService info = flyway.info();
            if (info.pending().length == 0) {
                return Optional.empty();
            }
            if (info.applied().length == 0 && !anyTableBut(statement, HISTORY)) {
                return Optional.empty(); // a new database
            }
            if (neverUsed(statement)) {
                MigrationInfo last = info.applied().length == 0 ? null : info.applied()[info.applied().length - 1];
                log.warn("The embedded database {} was left half made by a first start that was stopped during its"
                        + " migrations (the last recorded: {}; {} to go), and nobody has used it: emptying it and"
                        + " migrating it again from the start.", url, last == null ? "none" : last.getScript(),
                        info.pending().length);
                statement.execute("drop all objects");
                return Optional.empty();
            }
            return Optional.of(copied(statement, databaseFile(url), info));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not check, empty or copy the embedded database before migrating it",
                    e);
        }
    }

    private static Upgrade copied(Statement statement, Path database, MigrationInfoService info)
            throws SQLException, IOException {
        Path backups = database.resolveSibling("backups");
        Path marker = backups.resolve(UPGRADING);
        if (Files.exists(marker)) {
            Path copy = Path.of(Files.readString(marker, StandardCharsets.UTF_8).trim());
            log.warn("The last upgrade of the embedded database did not finish; its copy from before it is {}", copy);
            return new Upgrade(copy, marker);
        }
        String last = info.applied().length == 0 ? "0" : info.applied()[info.applied().length - 1].getVersion()
                .getVersion();
        Path copy = backups.resolve(database.getFileName() + "-v" + last + "-before-v"
                + info.pending()[0].getVersion() + "-" + STAMP.format(LocalDateTime.now()) + ".zip");
        Files.createDirectories(backups);
        Path partial = backups.resolve(copy.getFileName() + ".part");
        Files.deleteIfExists(partial);
        statement.execute("backup to '" + partial.toString().replace("'", "''") + "'");
        Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
        Path markerPart = backups.resolve(UPGRADING + ".part");
        Files.writeString(markerPart, copy.toString(), StandardCharsets.UTF_8);
        Files.move(markerPart, marker, StandardCopyOption.ATOMIC_MOVE);
        log.info("Copied the embedded database to {} before upgrading it (migrations to apply: {})", copy,
                info.pending().length);
        return new Upgrade(copy, marker);
    }

    /** The database's file name without H2's suffix, as H2 reads it from the URL ({@code ~} is the home folder). */
    static Path databaseFile(String url) {
        String name = url.substring(H2_FILE.length()).split(";")[0];
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Path.of(name).toAbsolutePath();
    }

    /** Nobody has an account and nothing was audited: only a first start that did not finish leaves that. */
    private static boolean neverUsed(Statement statement) throws SQLException {
        return isEmptyOrMissing(statement, "app_user") && isEmptyOrMissing(statement, "audit_entry");
    }

    private static boolean isEmptyOrMissing(Statement statement, String table) throws SQLException {
        if (!tableExists(statement, table)) {
            return true;
        }
        try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1) == 0;
        }
    }

    private static boolean tableExists(Statement statement, String table) throws SQLException {
        return tables(statement, "= '" + table + "'") > 0;
    }

    private static boolean anyTableBut(Statement statement, String table) throws SQLException {
        return tables(statement, "<> '" + table + "'") > 0;
    }

    /** How many tables of the current schema have a (lower-case) name that meets {@code condition}. */
    private static long tables(Statement statement, String condition) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select count(*) from information_schema.tables"
                + " where table_schema = current_schema and lower(table_name) " + condition)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
