package app.earmark.notes;

/** An authentication, dispute or resolution the rules do not allow, with the reason in words; nothing was saved. */
public class NotesException extends RuntimeException {

    public NotesException(String message) {
        super(message);
    }
}
