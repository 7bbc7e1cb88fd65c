package app.earmark.eqa;

/** A grant or a pack that cannot be made as asked; the message says why, for a person. Nothing was saved or sent. */
public class GrantException extends RuntimeException {

    public GrantException(String message) {
        super(message);
    }
}
