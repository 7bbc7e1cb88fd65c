package app.earmark.base;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded database's first start, made safe to interrupt. H2 commits each DDL statement on its own (PostgreSQL
 * runs a migration in one transaction), so a first start killed during its migrations leaves some tables made and no
 * line for them in Flyway's history, and every later start fails on the migration that made them ("Script
 * V15__eqa_grants.sql failed"). Such a database never finished its first start: nobody has an account in it. It is
 * emptied and migrated again from the start. A database with anyone in it is never emptied: an upgrade of it that was
 * interrupted is restored from its backup (docs/deployment.md).
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseFirstStart {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseFirstStart.class);

    @Bean
    FlywayMigrationStrategy migrateAfterAnInterruptedFirstStart() {
        return flyway -> {
            emptyIfFirstStartWasInterrupted(flyway);
            flyway.migrate();
        };
    }

    /** Empties an H2 database that some but not all migrations reached and that has no accounts; true if it did. */
    static boolean emptyIfFirstStartWasInterrupted(Flyway flyway) {
        MigrationInfoService info = flyway.info();
        if (info.applied().length == 0 || info.pending().length == 0) {
            return false;
        }
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName()) || anyAccount(statement)) {
                return false;
            }
            MigrationInfo last = info.applied()[info.applied().length - 1];
            log.warn("The embedded database {} was left half made by a first start that was stopped during its"
                    + " migrations (the last recorded: {}; {} to go) and has no accounts yet: emptying it and migrating"
                    + " it again from the start.", connection.getMetaData().getURL(), last.getScript(),
                    info.pending().length);
            statement.execute("drop all objects");
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check or empty the embedded database before migrating it", e);
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
