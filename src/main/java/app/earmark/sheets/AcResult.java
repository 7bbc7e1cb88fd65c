package app.earmark.sheets;

/** The decision on one AC, or on the unit. */
public enum AcResult {
    PASS("Pass"),
    REFERRAL("Referral");

    private final String label;

    AcResult(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
