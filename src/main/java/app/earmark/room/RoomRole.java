package app.earmark.room;

/** Who someone is in a discussion's remote room. */
public enum RoomRole {
    ASSESSOR("assessor"),
    LEARNER("learner"),
    /** An IQA who marked the discussion for live observation: receives, never sends. */
    OBSERVER("IQA observing");

    private final String label;

    RoomRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this person is recorded and must agree to the recording notice. */
    public boolean isParty() {
        return this != OBSERVER;
    }
}
