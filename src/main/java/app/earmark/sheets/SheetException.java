package app.earmark.sheets;

import java.util.List;

/** A sheet change or signature the rules do not allow; nothing was saved. */
public class SheetException extends RuntimeException {

    private final List<String> reasons;

    SheetException(String message, List<String> reasons) {
        super(message + (reasons.isEmpty() ? "" : " " + String.join(" ", reasons)));
        this.reasons = List.copyOf(reasons);
    }

    SheetException(String message) {
        this(message, List.of());
    }

    public List<String> reasons() {
        return reasons;
    }
}
