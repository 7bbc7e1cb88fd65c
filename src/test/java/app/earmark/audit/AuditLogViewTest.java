package app.earmark.audit;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.AuditTrail;
import app.earmark.support.ViewTest;
import com.github.mvysny.fakeservlet.FakeResponse;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.StreamResourceRegistry;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.VaadinSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.springframework.beans.factory.annotation.Autowired;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;

class AuditLogViewTest extends ViewTest {

    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    AuditProperties properties;
    @Autowired
    AuditTrail trail;

    @Test
    void anAdministratorSeesTheTrailAndChecksTheChain() {
        openAs("admin", "admin/audit");
        Grid<?> grid = _get(Grid.class, spec -> spec.withId("audit-grid"));
        assertThat(GridKt._size(grid)).isPositive();
        _click(_get(Button.class, spec -> spec.withText("Check the chain")));
        assertThat(_get(Span.class, spec -> spec.withId("audit-chain-verdict")).getText())
                .startsWith("The audit trail is intact");
    }

    @Test
    void theAdministratorDownloadsTheCheckpointsAndThePublicKeyAndEachDownloadIsAudited() throws Exception {
        checkpoints.checkpoint();
        openAs("admin", "admin/audit");
        long before = trail.lastSeq();

        String publicKey = new String(download("audit-public-key-download"), StandardCharsets.US_ASCII);
        assertThat(publicKey).isEqualTo(Files.readString(properties.publicKeyFile())).startsWith("-----BEGIN PUBLIC KEY-----");
        byte[] file = download("audit-checkpoints-download");
        assertThat(file).isNotEmpty().isEqualTo(Files.readAllBytes(properties.checkpointFile()));

        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("actor") + " " + e.get("action") + " " + e.get("subject"))
                .containsExactly("admin audit-checkpoints-exported audit:public-key",
                        "admin audit-checkpoints-exported audit:checkpoints");
    }

    /** What the browser gets from the anchor's download link, asked of the view's own download handler. */
    private static byte[] download(String anchorId) throws Exception {
        var anchor = _get(Anchor.class, spec -> spec.withId(anchorId));
        var resource = (StreamResourceRegistry.ElementStreamResource) VaadinSession.getCurrent().getResourceRegistry()
                .getResource(URI.create(anchor.getHref())).orElseThrow();
        var servletResponse = new FakeResponse();
        var response = new VaadinServletResponse(servletResponse, (VaadinServletService) VaadinService.getCurrent());
        resource.getElementRequestHandler().handleRequest(VaadinRequest.getCurrent(), response,
                VaadinSession.getCurrent(), anchor.getElement());
        return servletResponse.getBuffer().toByteArray();
    }

    @Test
    void nobodyElseCanOpenIt() {
        openAs("iqa", "admin/audit");
        com.github.mvysny.kaributesting.v10.LocatorJ._assertNone(Grid.class);
    }
}
