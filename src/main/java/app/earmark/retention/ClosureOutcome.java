package app.earmark.retention;

/** How a learner's time on a qualification ended, from which its recordings' retention period runs. */
public enum ClosureOutcome {
    /** The awarding body certificated the learner. */
    CERTIFIED("certification"),
    /** The learner withdrew (or was withdrawn) before completing. */
    WITHDRAWN("withdrawal");

    private final String noun;

    ClosureOutcome(String noun) {
        this.noun = noun;
    }

    /** "certification", "withdrawal". */
    public String noun() {
        return noun;
    }
}
