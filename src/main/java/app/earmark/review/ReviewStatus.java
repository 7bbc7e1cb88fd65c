package app.earmark.review;

/** Where a QA review stands. */
public enum ReviewStatus {
    /** The IQA is reviewing; nothing is decided. */
    OPEN("In progress"),
    /** The IQA accepted the sheet version (the QA box is signed). */
    ACCEPTED("Accepted"),
    /** The IQA sent actions to the assessor. */
    ACTION_REQUIRED("Action required");

    private final String label;

    ReviewStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
