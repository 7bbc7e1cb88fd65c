package app.earmark.recordings.worker;

/** A recording the worker refuses, with the code and the message the supervisor passes on. */
final class IngestFailure extends Exception {

    private final FailureCode code;

    IngestFailure(FailureCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    FailureCode code() {
        return code;
    }
}
