package app.earmark.recordings.worker;

/** JavaCV's exception messages, made fit to quote. */
final class JavacvMessages {

    private static final String LOG_HINT = " (For more details, make sure FFmpegLogCallback.set() has been called.)";

    private JavacvMessages() {
    }

    static String strip(String message) {
        if (message == null) {
            return "unknown error";
        }
        String text = message.replace(LOG_HINT, "").strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
