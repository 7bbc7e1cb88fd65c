package app.earmark.notes;

/** Where a discussion's notes stand with its learner. */
public enum NotesState {
    /** No tags yet: nothing to authenticate. */
    NOTHING_TO_AUTHENTICATE("No notes yet"),
    /** Notes the learner has not authenticated. */
    NOT_AUTHENTICATED("Not authenticated yet"),
    /** The learner authenticated exactly the notes as they are now. */
    AUTHENTICATED("Authenticated by the learner"),
    /** The learner's authentication is void: the notes changed since; the learner is asked again. */
    CHANGED("Notes changed since the learner authenticated them");

    private final String label;

    NotesState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
