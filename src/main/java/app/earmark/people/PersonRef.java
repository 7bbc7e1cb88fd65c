package app.earmark.people;

/** Who someone is, for lists and links. */
public record PersonRef(long id, String username, String displayName) {
}
