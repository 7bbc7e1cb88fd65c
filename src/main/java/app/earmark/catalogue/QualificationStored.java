package app.earmark.catalogue;

import app.earmark.base.AuditableEvent;
import java.util.List;

/**
 * A qualification version was added to the catalogue (shipped at start-up, or imported by an administrator).
 *
 * @param provisionalAwards the awards whose rule of combination is still provisional in this version
 */
public record QualificationStored(String actor, String code, int version, Unit.Origin origin, String contentHash,
        List<String> provisionalAwards) implements AuditableEvent {

    public QualificationStored {
        provisionalAwards = List.copyOf(provisionalAwards);
    }

    @Override
    public String action() {
        return origin == Unit.Origin.IMPORTED ? "qualification-imported" : "qualification-stored";
    }

    @Override
    public String subject() {
        return "qualification:" + code + " v" + version;
    }

    @Override
    public String details() {
        return "Qualification " + code + " version " + version + " stored (" + origin.name().toLowerCase()
                + ", SHA-256 " + contentHash + "); provisional rules of combination: "
                + (provisionalAwards.isEmpty() ? "none" : String.join(", ", provisionalAwards));
    }
}
