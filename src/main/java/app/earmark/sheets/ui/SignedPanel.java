package app.earmark.sheets.ui;

import app.earmark.base.ui.Notifications;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetException;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.function.Consumer;

/**
 * The assessor's decision as signed, with signature, date and the version's SHA-256; or, on a draft the
 * viewer may not write, that it is not signed yet. The assessor may amend the latest signed version.
 */
class SignedPanel extends Section {

    /**
     * @param mayAmend whether to offer the amendment (the latest signed version, to an assessor of the learner)
     * @param amended  what to do with the new draft version
     */
    SignedPanel(SheetView sheet, boolean mayAmend, ResultSheets sheets, Consumer<SheetView> amended) {
        setId("assessor-decision-panel");
        add(new H3("Assessor's decision"));
        if (!sheet.signed()) {
            var draft = new Paragraph("Not signed yet: version " + sheet.versionNumber() + " is a draft the assessor"
                    + " is still writing, and may change.");
            draft.setId("sheet-not-signed");
            add(draft);
            return;
        }
        var outcome = new Paragraph("Unit outcome: " + sheet.assessorDecision().label().toUpperCase());
        outcome.setId("signed-outcome");
        outcome.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        var signature = new Paragraph("Signature of assessor: " + sheet.signedBy() + " · Date: "
                + SheetLinks.when(sheet.signedAt()));
        signature.setId("signed-by");
        var hash = new Span(sheet.contentHash());
        hash.setId("sheet-hash");
        hash.addClassNames(LumoUtility.FontSize.SMALL);
        hash.getStyle().set("font-family", "monospace").set("word-break", "break-all");
        var fingerprint = new Paragraph(new Span("SHA-256 of this signed version: "), hash);
        fingerprint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        var frozen = new Paragraph("This version is signed: it is read-only, and its time counters are as they were"
                + " when it was signed.");
        frozen.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        var pdf = new Paragraph(new Span("Signed PDF: "), SheetPdfLinks.link(sheet));
        pdf.setId("signed-pdf");
        add(outcome, signature, fingerprint, pdf, frozen);
        if (mayAmend) {
            var amend = new Button("Amend (start version " + (sheet.versionNumber() + 1) + ")", e -> {
                try {
                    amended.accept(sheets.amend(sheet.id()));
                } catch (SheetException | AccessRefusedException ex) {
                    Notifications.error(ex.getMessage());
                }
            });
            amend.setId("amend-sheet");
            add(amend);
        }
    }
}
