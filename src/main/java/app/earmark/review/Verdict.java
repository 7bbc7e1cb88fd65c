package app.earmark.review;

/** The IQA's verdict on the assessor's decision for one AC. */
public enum Verdict {
    AGREE("Agree"),
    DISAGREE("Disagree");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
