package app.earmark.catalogue;

import app.earmark.base.AuditableEvent;

/** A unit version was added to the catalogue (shipped at start-up, or imported by an administrator). */
public record UnitStored(String actor, String code, int version, Unit.Origin origin, String contentHash)
        implements AuditableEvent {

    @Override
    public String action() {
        return origin == Unit.Origin.IMPORTED ? "unit-imported" : "unit-stored";
    }

    @Override
    public String subject() {
        return "unit:" + code + " v" + version;
    }

    @Override
    public String details() {
        return "Unit " + code + " version " + version + " stored (" + origin.name().toLowerCase() + ", SHA-256 "
                + contentHash + ")";
    }
}
