package app.earmark.sheets;

/** What an evidence attachment is. */
public enum EvidenceKind {
    /** The result sheet as PDF, attached when the assessor signs it. */
    SHEET_PDF,
    /** The AC map as WebVTT chapters, attached on request. */
    AC_MAP_VTT,
    /** The AC map as CSV, attached on request. */
    AC_MAP_CSV,
    /** The AC map as JSON, attached on request. */
    AC_MAP_JSON,
    /**
     * The recording's playable rendition with the AC map as embedded chapters, attached when it is first made for
     * a set of tags; its bytes stay in the media store with the recording.
     */
    CHAPTERED_RECORDING;

    static EvidenceKind of(AcMapFormat format) {
        return switch (format) {
            case VTT -> AC_MAP_VTT;
            case CSV -> AC_MAP_CSV;
            case JSON -> AC_MAP_JSON;
        };
    }
}
