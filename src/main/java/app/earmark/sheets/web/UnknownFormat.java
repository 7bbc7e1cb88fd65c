package app.earmark.sheets.web;

import org.springframework.http.HttpStatus;

/** A format nobody can be given: an unknown name (400), or nothing in {@code Accept} that Earmark makes (406). */
class UnknownFormat extends RuntimeException {

    private final HttpStatus status;

    UnknownFormat(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
