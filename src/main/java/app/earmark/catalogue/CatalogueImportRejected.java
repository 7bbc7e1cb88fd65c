package app.earmark.catalogue;

import app.earmark.base.AuditableEvent;
import java.util.List;

/**
 * An administrator's catalogue file was refused; nothing of it was stored.
 *
 * @param kind what the file held: {@code "unit"} or {@code "qualification"}
 */
public record CatalogueImportRejected(String actor, String kind, String fileName, List<String> problems)
        implements AuditableEvent {

    @Override
    public String action() {
        return kind + "-import-rejected";
    }

    @Override
    public String subject() {
        return "file:" + fileName;
    }

    @Override
    public String details() {
        return "Import refused: " + String.join(" ", problems);
    }

    @Override
    public boolean independentOfTransaction() {
        return true;
    }
}
