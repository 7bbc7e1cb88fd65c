package app.earmark.review;

/** A review step that cannot be taken as asked; the message says why, for a person. Nothing was saved. */
public class ReviewException extends RuntimeException {

    ReviewException(String message) {
        super(message);
    }
}
