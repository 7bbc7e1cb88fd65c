package app.earmark.base;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.BrowserSession;
import app.earmark.support.EarmarkProcess;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Earmark on its embedded defaults (the H2 file database) killed with {@code kill -9} the moment after it answered a
 * change as done: the change is in the database when it is read afterwards with H2's own driver. H2's default write
 * delay (half a second) lost it.
 */
class EmbeddedDatabaseKillTest {

    @Test
    void whatWasAnsweredAsDoneIsThereAfterAKill() throws Exception {
        EarmarkProcess earmark = EarmarkProcess.startDemo("kill-database-test");
        try {
            earmark.awaitReady();
            BrowserSession session = BrowserSession.signIn(earmark.base(), "assessor", "demo");
            // Signing out is answered once its audit entry is committed (the audit log appends in the sign-out); the
            // kill comes straight after that answer.
            HttpResponse<Void> signedOut = session.client().send(session.request("/logout")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            earmark.kill();
            assertThat(signedOut.statusCode()).as("signed out").isEqualTo(302);
        } finally {
            earmark.kill();
        }
        assertThat(earmark.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        assertThat(earmark.number("select count(*) from audit_entry where action = 'signed-out' and actor ="
                + " 'assessor'")).as("the sign-out's audit entry").isEqualTo(1);
    }
}
