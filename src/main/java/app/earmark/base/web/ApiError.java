package app.earmark.base.web;

/** The body of every JSON API error. */
public record ApiError(int status, String error, String message) {
}
