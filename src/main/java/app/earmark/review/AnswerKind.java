package app.earmark.review;

/** How the assessor answered an action. */
public enum AnswerKind {
    /** The assessor amended the sheet (a new version, which the IQA reviews again). */
    AMENDED("Amended the sheet"),
    /** The assessor added evidence or tags. */
    EVIDENCE_ADDED("Added evidence or tags"),
    /** The assessor replied. */
    REPLIED("Replied");

    private final String label;

    AnswerKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
