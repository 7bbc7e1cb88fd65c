package app.earmark.sheets.ui;

import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/** Every version of the sheet, newest first: status, decision, signer, date, the signed PDF and content hash. */
class HistoryPanel extends Section {

    HistoryPanel(List<SheetView> versions, SheetView shown) {
        setId("sheet-history-panel");
        var grid = new Grid<SheetView>();
        grid.setId("sheet-history");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addComponentColumn(v -> v.id() == shown.id() ? new Span("Version " + v.versionNumber() + " (shown)")
                : new Anchor(SheetLinks.version(v.learner().id(), v.unit().id(), v.versionNumber()),
                        "Version " + v.versionNumber())).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> v.signed() ? "Signed" : "Draft").setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> v.assessorDecision() == null ? "" : v.assessorDecision().label()).setHeader("Decision")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> v.signed() ? v.signedBy() : "").setHeader("Signed by").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> v.signed() ? SheetLinks.when(v.signedAt()) : "started " + SheetLinks.when(v.createdAt()))
                .setHeader("Date").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(v -> v.signed() ? SheetPdfLinks.link(v) : new Span("")).setHeader("PDF")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> v.contentHash() == null ? "" : v.contentHash()).setHeader("SHA-256").setFlexGrow(1);
        grid.setItems(versions);
        add(new H3("Versions"), grid);
    }
}
