package app.earmark.room;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;

/** What the browser tests of the room ask of a room page (`<earmark-room>`), in one place. */
public final class RoomPages {

    /** A page function of a role: whether the page's connection to that party is connected. */
    public static final String CONNECTED_TO = "role => { const r = document.querySelector('#room');"
            + " return !!r && r.peerStates().some(p => p.role === role && p.state === 'connected'); }";

    private RoomPages() {
    }

    /** Waits until the page has received sound from the party with {@code role} (over 1,000 bytes within 20 s). */
    public static void awaitAudio(Page page, String role) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        Object bytes = null;
        while (System.currentTimeMillis() < deadline) {
            bytes = page.evaluate("role => document.querySelector('#room').audioBytesReceived().then(b => b[role] || 0)",
                    role);
            if (bytes instanceof Number n && n.longValue() > 1000) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No sound from the " + role + " arrived (" + bytes + " bytes)");
    }

    /** Joins the call from the waiting room; if the page does not get in, prints what its room says, then fails. */
    public static void join(Page page) {
        assertThat(page.locator("#room")).hasAttribute("data-state", "ready");
        page.locator("#room-join").click();
        try {
            assertThat(page.locator("#room")).hasAttribute("data-state", "in-call");
        } catch (AssertionError e) {
            try {
                System.out.println(page.url() + " did not join; the room says:\n  "
                        + page.locator("#room").innerText().replace("\n", "\n  ") + "\n  join button disabled: "
                        + page.locator("#room-join").isDisabled() + "\n  log: " + page.evaluate(
                                "() => document.querySelector('#room').signalLog()"));
            } catch (RuntimeException ignored) {
                // the page is gone
            }
            throw e;
        }
    }
}
