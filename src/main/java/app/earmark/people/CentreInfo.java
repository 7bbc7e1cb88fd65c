package app.earmark.people;

/** The centre's number and name, as they appear on result sheets. */
public record CentreInfo(long id, String number, String name) {
}
