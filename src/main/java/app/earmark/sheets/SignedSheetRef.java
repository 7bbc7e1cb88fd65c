package app.earmark.sheets;

/** A signed result sheet version by its id, its learner and who signed it, for finding versions without reading them. */
public record SignedSheetRef(long sheetId, long learnerId, String signedBy) {
}
