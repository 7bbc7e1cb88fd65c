package app.earmark.retention;

/** A retention request refused, with a message for the person who made it. Nothing was changed. */
public class RetentionException extends RuntimeException {

    public RetentionException(String message) {
        super(message);
    }
}
