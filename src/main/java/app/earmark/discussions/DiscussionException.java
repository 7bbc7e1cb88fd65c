package app.earmark.discussions;

/** A request about a discussion or recording that the rules do not allow, with the reason in words. */
public class DiscussionException extends RuntimeException {

    public DiscussionException(String message) {
        super(message);
    }
}
