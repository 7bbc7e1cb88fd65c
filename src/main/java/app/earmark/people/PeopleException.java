package app.earmark.people;

/** A change to people the rules do not allow, with the reason in words for the administrator. */
public class PeopleException extends RuntimeException {

    PeopleException(String message) {
        super(message);
    }
}
