package app.earmark.discussions;

/** How a professional discussion is held. */
public enum DiscussionMode {
    FACE_TO_FACE("Face-to-face"),
    REMOTE("Remote");

    private final String label;

    DiscussionMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
