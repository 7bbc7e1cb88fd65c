package app.earmark.sheets;

/** An export asked for in a way that cannot be answered (e.g. chapters of several recordings at once). */
public class ExportException extends RuntimeException {

    ExportException(String message) {
        super(message);
    }
}
