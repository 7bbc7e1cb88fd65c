package app.earmark.sheets.ui;

import app.earmark.sheets.SheetView;
import java.time.Instant;
import java.util.Optional;

/** Where a learner's sheet for a unit lives, how its state reads in lists, and how dates read on sheets. */
final class SheetLinks {

    private SheetLinks() {
    }

    static String sheet(long learnerId, long unitId) {
        return "learners/" + learnerId + "/units/" + unitId + "/sheet";
    }

    static String version(long learnerId, long unitId, int versionNumber) {
        return sheet(learnerId, unitId) + "?version=" + versionNumber;
    }

    /** "Not started", "Draft (version 2)", "Signed: Pass (version 1)". */
    static String status(Optional<SheetView> current) {
        if (current.isEmpty()) {
            return "Not started";
        }
        SheetView sheet = current.get();
        return sheet.signed() ? "Signed: " + sheet.assessorDecision().label() + " (version " + sheet.versionNumber() + ")"
                : "Draft (version " + sheet.versionNumber() + ")";
    }

    static String when(Instant at) {
        return app.earmark.base.DisplayFormats.dateTime(at);
    }
}
