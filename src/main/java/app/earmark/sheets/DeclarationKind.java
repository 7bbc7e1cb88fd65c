package app.earmark.sheets;

/** What a declaration on a signed result sheet declares (the boxes at the foot of the awarding body's forms). */
public enum DeclarationKind {
    /** The learner confirms the sheet is a true record of the discussion and the work is their own. */
    LEARNER_AUTHENTICITY("Learner's authenticity confirmation"),
    /** The learner refuses anonymous use of their work for assessment standardisation. */
    STANDARDISATION_OPT_OUT("Refusal of use for standardisation"),
    /** The IQA's QA outcome, with signature and date of the QA check. */
    QA_CHECK("QA check");

    private final String label;

    DeclarationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
