package app.earmark.sheets.ui;

import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.List;

/** Links to the PDFs of signed sheet versions ({@code /exports/sheets/{id}.pdf}), wherever a sheet is listed. */
final class SheetPdfLinks {

    private SheetPdfLinks() {
    }

    static String href(SheetView sheet) {
        return "/exports/sheets/" + sheet.id() + ".pdf";
    }

    /** "PDF of version 2 (signed: Pass)", opened by the browser in a new tab; only for a signed version. */
    static Anchor link(SheetView sheet) {
        if (!sheet.signed()) {
            throw new IllegalArgumentException("Only a signed version has a PDF link");
        }
        var anchor = new Anchor(href(sheet), "PDF of version " + sheet.versionNumber() + " (signed: "
                + sheet.assessorDecision().label() + ", " + SheetLinks.when(sheet.signedAt()) + ")", AnchorTarget.BLANK);
        anchor.setRouterIgnore(true);
        anchor.addClassName("sheet-pdf");
        anchor.getElement().setAttribute("data-sheet-id", String.valueOf(sheet.id()));
        return anchor;
    }

    /** One link per signed version, newest first; empty when none is signed. */
    static UnorderedList list(String label, List<SheetView> versions) {
        var list = new UnorderedList();
        versions.stream().filter(SheetView::signed).forEach(v -> {
            var item = new ListItem(link(v));
            if (label != null) {
                item.addComponentAsFirst(new com.vaadin.flow.component.html.Span(label + ": "));
            }
            list.add(item);
        });
        return list;
    }
}
