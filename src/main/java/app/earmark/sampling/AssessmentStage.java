package app.earmark.sampling;

/**
 * Where an assessment stands in the learner's unit. In Earmark an assessment is a signed result sheet version; a
 * signed <em>Referral</em> is {@link #INTERIM} (the learner is still working towards the unit and will be assessed
 * again), a signed <em>Pass</em> is {@link #SUMMATIVE} (the final decision on the unit, the one certification rests
 * on).
 */
public enum AssessmentStage {
    INTERIM("Interim"),
    SUMMATIVE("Summative");

    private final String label;

    AssessmentStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
