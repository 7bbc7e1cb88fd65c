package app.earmark.search;

/**
 * A search that cannot be answered, with a message for a person: bad input (a query too long, a date range
 * backwards, a page too deep) or, as {@link Unavailable}, an engine that is down or too slow.
 */
public class SearchException extends RuntimeException {

    public SearchException(String message) {
        super(message);
    }

    public SearchException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The engine cannot be reached or did not answer in time; everything else keeps working. */
    public static class Unavailable extends SearchException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
