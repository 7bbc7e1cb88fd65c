package app.earmark.talktime;

/** Who speaks on a track. */
public enum Party {
    ASSESSOR("Assessor"), LEARNER("Learner");

    private final String label;

    Party(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Party other() {
        return this == ASSESSOR ? LEARNER : ASSESSOR;
    }
}
