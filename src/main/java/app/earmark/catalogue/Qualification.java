package app.earmark.catalogue;

import java.util.List;

/**
 * A stored qualification version with the latest version of each of its units, in the order the
 * qualification lists them.
 */
public record Qualification(long id, QualificationDefinition definition, String contentHash, List<Unit> units) {

    public Qualification {
        units = List.copyOf(units);
    }

    public String code() {
        return definition.code();
    }

    public String title() {
        return definition.title();
    }
}
