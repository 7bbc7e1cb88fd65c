package app.earmark.audit;

import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.context.ApplicationEventPublisher;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;

/**
 * The audit trail, newest first, searchable, with a check of the hash chain against the signed checkpoints,
 * and the checkpoint file and public key to download for an independent check. Administrators only.
 */
@Route("admin/audit")
@PageTitle("Audit trail · Earmark")
@Menu(order = 90, icon = "vaadin:list-ol", title = "Audit trail")
@RolesAllowed(Role.Name.ADMIN)
class AuditLogView extends Main {

    AuditLogView(AuditLog auditLog, AuditCheckpoints checkpoints, CurrentUser currentUser,
            ApplicationEventPublisher events) {
        addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        setSizeFull();

        var grid = new Grid<AuditEntry>();
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(AuditEntry::seq).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> app.earmark.base.DisplayFormats.dateTimeToSecond(e.occurredAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::actor).setHeader("Who").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("What").setAutoWidth(true);
        grid.addColumn(AuditEntry::subject).setHeader("Subject").setAutoWidth(true);
        grid.addColumn(AuditEntry::details).setHeader("Details").setFlexGrow(3);

        var search = new TextField();
        search.setPlaceholder("Search who, what, subject or details");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("24rem");
        Runnable refresh = () -> grid.setItems(
                query -> auditLog.find(search.getValue(), query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, auditLog.count(search.getValue())));
        search.addValueChangeListener(e -> refresh.run());
        refresh.run();

        var verdict = new Span();
        verdict.setId("audit-chain-verdict");
        var verify = new Button("Check the chain", VaadinIcon.CHECK_CIRCLE.create(), e -> {
            var check = auditLog.verify();
            verdict.setText(check.summary());
            verdict.getElement().getThemeList().set("badge", true);
            verdict.getElement().getThemeList().set("success", check.intact());
            verdict.getElement().getThemeList().set("error", !check.intact());
        });

        String admin = currentUser.actorName();
        var checkpointFile = new Anchor(DownloadHandler.fromInputStream(download -> {
            events.publishEvent(new AuditCheckpointsExported(admin, "checkpoints"));
            byte[] content = checkpoints.fileContent();
            return new DownloadResponse(new ByteArrayInputStream(content), "audit-checkpoints.jsonl",
                    "application/x-ndjson", content.length);
        }), AttachmentType.DOWNLOAD, "Download signed checkpoints");
        checkpointFile.setId("audit-checkpoints-download");
        var publicKey = new Anchor(DownloadHandler.fromInputStream(download -> {
            events.publishEvent(new AuditCheckpointsExported(admin, "public-key"));
            byte[] content = checkpoints.publicKeyPem().getBytes(StandardCharsets.US_ASCII);
            return new DownloadResponse(new ByteArrayInputStream(content), "audit-public-key.pem",
                    "application/x-pem-file", content.length);
        }), AttachmentType.DOWNLOAD, "Download public key");
        publicKey.setId("audit-public-key-download");

        var toolbar = new HorizontalLayout(search, verify, checkpointFile, publicKey);
        toolbar.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.CENTER);
        add(new H1("Audit trail"), toolbar, verdict, grid);
        grid.setSizeFull();
    }
}
