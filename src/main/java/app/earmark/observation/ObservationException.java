package app.earmark.observation;

/** Something about live observation that cannot be done, with a message for the person who asked. */
public class ObservationException extends RuntimeException {

    ObservationException(String message) {
        super(message);
    }
}
