package app.earmark.catalogue;

import java.time.Instant;
import java.util.Map;

/**
 * A stored, immutable unit version.
 *
 * @param id           the version's identity; assessments refer to it
 * @param contentHash  SHA-256 of the canonical definition
 * @param criterionIds identity of each AC of this version, by AC number
 */
public record Unit(long id, UnitDefinition definition, String contentHash, Origin origin, Instant storedAt,
        String storedBy, Map<String, Long> criterionIds) {

    public Unit {
        criterionIds = Map.copyOf(criterionIds);
    }

    public String code() {
        return definition.code();
    }

    public int version() {
        return definition.version();
    }

    public String title() {
        return definition.title();
    }

    /** "8580-502 Undertaking an extended period …". */
    public String label() {
        return code() + " " + title();
    }

    /** Where a stored version came from. */
    public enum Origin {
        /** A data file shipped with Earmark. */
        SHIPPED,
        /** Imported by a centre administrator. */
        IMPORTED
    }
}
