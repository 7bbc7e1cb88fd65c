package app.earmark.base.web;

/** Something asked for by id or code does not exist. Answered with 404 by the API. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
