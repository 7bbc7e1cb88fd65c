package app.earmark.base;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.BrowserSession;
import app.earmark.support.EarmarkProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Earmark on its embedded defaults (the H2 file database) killed with {@code kill -9} the moment after it answered a
 * change as done: the change is in the database when it is read afterwards with H2's own driver. H2's default write
 * delay (half a second) lost it.
 */
class EmbeddedDatabaseKillTest {

    @Test
    void whatWasAnsweredAsDoneIsThereAfterAKill() throws Exception {
        Path root = Path.of("target", "kill-database-test", UUID.randomUUID().toString()).toAbsolutePath();
        EarmarkProcess earmark = EarmarkProcess.start(root, EarmarkProcess.freePort(), "--earmark.demo=true");
        try {
            earmark.awaitReady();
            // Signing in is answered once its audit entry is committed (the audit log appends in the sign-in).
            BrowserSession.signIn(earmark.base(), "assessor", "demo");
        } finally {
            earmark.kill();
        }
        assertThat(earmark.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        try (Connection db = earmark.database();
                ResultSet rows = db.createStatement().executeQuery("select count(*) from audit_entry"
                        + " where action = 'signed-in' and actor = 'assessor'")) {
            rows.next();
            assertThat(rows.getLong(1)).as("the sign-in's audit entry").isEqualTo(1);
        }
    }
}
