package app.earmark.sheets;

import java.util.List;

/**
 * What the rules make of content not saved yet, for showing the outcome, total and percentage while the
 * assessor types. The service applies the same rules again on save and sign.
 */
public final class SheetPreview {

    private SheetPreview() {
    }

    /** The evaluation of this content on this sheet version, with the sheet's time counters as evidence. */
    public static Evaluation evaluate(SheetView sheet, boolean useMarks, SheetContent content) {
        return SheetRules.evaluate(sheet.unit(), content, useMarks, sheet.counters().keySet());
    }

    /** What saving this content would refuse (marks out of range, text too long, …); empty if nothing. */
    public static List<String> problems(SheetView sheet, boolean useMarks, SheetContent content) {
        return SheetRules.problems(sheet.unit(), content, useMarks);
    }
}
