package app.earmark.sheets;

/** Whether a sheet version can still change. */
public enum SheetStatus {
    /** Being filled in; the assessor may save it as often as they like. */
    DRAFT,
    /** Signed by the assessor: immutable, hashed. Changes need an amendment, which is a new version. */
    SIGNED
}
