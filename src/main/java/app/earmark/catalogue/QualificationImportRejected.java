package app.earmark.catalogue;

import app.earmark.base.AuditableEvent;
import java.util.List;

/** An administrator's qualification file was refused; nothing of it was stored. */
public record QualificationImportRejected(String actor, String fileName, List<String> problems)
        implements AuditableEvent {

    @Override
    public String action() {
        return "qualification-import-rejected";
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
