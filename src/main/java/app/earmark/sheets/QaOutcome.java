package app.earmark.sheets;

/** The IQA's outcome of a QA check of a signed result sheet. */
public enum QaOutcome {
    /** The IQA agrees with the assessor's decision. */
    ACCEPTED("Accepted"),
    /** The IQA does not agree, or something must be done first; the comment says what. */
    ACTION_REQUIRED("Action required");

    private final String label;

    QaOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
