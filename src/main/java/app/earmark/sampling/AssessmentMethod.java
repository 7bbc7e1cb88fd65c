package app.earmark.sampling;

/**
 * How an assessment's evidence was gathered: how its discussion was held and how its recording arrived. An
 * assessment can have several (a remote discussion recorded live is both {@link #REMOTE} and
 * {@link #LIVE_RECORDING}); a rule on a method matches any assessment that has it.
 */
public enum AssessmentMethod {
    FACE_TO_FACE("Face to face"),
    REMOTE("Remote"),
    LIVE_RECORDING("Live recording"),
    UPLOAD("Upload");

    private final String label;

    AssessmentMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
