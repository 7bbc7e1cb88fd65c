package app.earmark.eqa;

/** What an EQA grant is chosen by. */
public enum GrantKind {
    /** Named learners: all their evidence dated in the grant's range (every date when it has none). */
    LEARNERS("Named learners"),
    /** A unit: its evidence, for the learners enrolled on it, dated in the grant's range. */
    UNIT("A unit and a date range"),
    /** An IQA sample: exactly the learners and units it drew. */
    SAMPLE("An IQA sample");

    private final String label;

    GrantKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
