package app.earmark.catalogue;

import app.earmark.base.AuditableEvent;

/** A qualification version was added to the catalogue. */
public record QualificationStored(String actor, String code, int version, String contentHash) implements AuditableEvent {

    @Override
    public String action() {
        return "qualification-stored";
    }

    @Override
    public String subject() {
        return "qualification:" + code + " v" + version;
    }

    @Override
    public String details() {
        return "Qualification " + code + " version " + version + " stored (SHA-256 " + contentHash + ")";
    }
}
