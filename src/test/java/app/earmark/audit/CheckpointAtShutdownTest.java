package app.earmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.BrowserSession;
import app.earmark.support.EarmarkProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Earmark stopped as a service manager stops it (SIGTERM), on its embedded defaults (the H2 file database): its last
 * act is to sign the audit trail up to its newest entry, and the database is still there for that. The database is
 * read afterwards with H2's own driver.
 */
class CheckpointAtShutdownTest {

    @Test
    void stoppingSignsTheTrailUpToItsNewestEntry() throws Exception {
        EarmarkProcess earmark = EarmarkProcess.startDemo("shutdown-test");
        try {
            earmark.awaitReady();
            // An entry of its own (signed-in), after whatever start-up wrote.
            BrowserSession.signIn(earmark.base(), "assessor", "demo");
        } finally {
            assertThat(earmark.stop()).as("stopped within a minute of SIGTERM").isTrue();
        }

        long newest = earmark.number("select max(seq) from audit_entry");
        assertThat(newest).isPositive();
        assertThat(earmark.log()).doesNotContain("Could not write an audit checkpoint");
        Path checkpoints = EarmarkProcess.checkpoints(earmark.root());
        assertThat(checkpoints).exists();
        assertThat(Files.readAllLines(checkpoints)).last().asString().as("the last checkpoint signs the newest entry")
                .contains("\"seq\":" + newest + ",");
    }
}
