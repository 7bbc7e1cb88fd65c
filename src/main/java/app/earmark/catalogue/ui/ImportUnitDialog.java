package app.earmark.catalogue.ui;

import app.earmark.catalogue.CatalogueFileException;
import app.earmark.catalogue.CatalogueImport;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * Upload a unit or qualification file (YAML or JSON) and see either what was imported or every problem with the
 * file.
 */
class ImportUnitDialog extends Dialog {

    /** Imports one file and says what it did. */
    @FunctionalInterface
    interface Importer {

        /** @throws CatalogueFileException with every problem found */
        String importFile(String fileName, byte[] content);
    }

    private static final int MAX_BYTES = 1024 * 1024;

    private final Div outcome = new Div();
    private final Upload upload;

    ImportUnitDialog(CatalogueImport catalogueImport, Runnable onImported) {
        this("Import a unit", "unit-upload", (name, bytes) -> catalogueImport.importUnit(name, bytes).message(),
                onImported);
    }

    /** A qualification definition: a centre confirms or corrects the rules of combination this way. */
    static ImportUnitDialog qualification(CatalogueImport catalogueImport, Runnable onImported) {
        return new ImportUnitDialog("Import a qualification", "qualification-upload",
                (name, bytes) -> catalogueImport.importQualification(name, bytes).message(), onImported);
    }

    private ImportUnitDialog(String title, String uploadId, Importer importer, Runnable onImported) {
        setHeaderTitle(title);
        setWidth("40rem");
        outcome.setId("import-outcome");

        var help = new Paragraph("A YAML or JSON file in the format described in docs/catalogue-format.md. The"
                + " whole file is checked first; if anything is wrong, nothing is imported.");
        help.addClassNames(LumoUtility.TextColor.SECONDARY);

        UI ui = UI.getCurrent();
        upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> {
            String fileName = metadata.fileName();
            try {
                String message = importer.importFile(fileName, bytes);
                ui.access(() -> {
                    showSuccess(message);
                    onImported.run();
                });
            } catch (CatalogueFileException e) {
                ui.access(() -> showProblems(e));
            } finally {
                // Ready for the next (e.g. corrected) file.
                ui.access(this::clearUploads);
            }
        }));
        upload.setId(uploadId);
        upload.setAcceptedFileTypes(".yaml", ".yml", ".json", "application/json", "application/yaml", "text/yaml");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_BYTES);
        upload.addFileRejectedListener(e -> {
            outcome.removeAll();
            outcome.add(new Paragraph(e.getErrorMessage()));
        });
        add(help, upload, outcome);
        getFooter().add(new Button("Close", e -> close()));
    }

    private void clearUploads() {
        upload.clearFileList();
    }

    private void showSuccess(String message) {
        outcome.removeAll();
        var text = new Paragraph(message);
        text.addClassNames(LumoUtility.TextColor.SUCCESS);
        outcome.add(text);
        Notification.show(message, 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private void showProblems(CatalogueFileException e) {
        outcome.removeAll();
        var intro = new Paragraph("Nothing was imported from " + e.fileName() + ":");
        intro.addClassNames(LumoUtility.TextColor.ERROR);
        var list = new UnorderedList();
        list.setId("import-problems");
        e.problems().forEach(p -> list.add(new ListItem(p)));
        outcome.add(intro, list);
    }
}
