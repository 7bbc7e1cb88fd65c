package app.earmark.workspace;

/** A tag change the rules do not allow, with the reason in words for the assessor. Nothing was saved. */
public class TagException extends RuntimeException {

    TagException(String message) {
        super(message);
    }
}
