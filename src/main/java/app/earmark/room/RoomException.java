package app.earmark.room;

/** Something asked of the room that cannot be done now; the message says why, for the person who asked. */
public class RoomException extends RuntimeException {
    public RoomException(String message) {
        super(message);
    }
}
