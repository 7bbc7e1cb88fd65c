package app.earmark.talktime;

/** A talk-time request that cannot be done, with a message for the person who asked. */
public class TalkTimeException extends RuntimeException {

    public TalkTimeException(String message) {
        super(message);
    }
}
