package app.earmark.catalogue;

/** How a unit is assessed on paper. */
public enum SheetType {
    /** Marks per AC totalling 100, with a minimum per AC (Level 5 units 500–503). */
    MARK_SHEET("Mark sheet (marks per AC, out of 100)"),
    /** Pass or Referral per AC (Level 3 units, and the result sheet in seed 004). */
    RESULT_SHEET("Result sheet (Pass / Referral per AC)");

    private final String label;

    SheetType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
