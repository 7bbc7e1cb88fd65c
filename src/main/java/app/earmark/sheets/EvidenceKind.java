package app.earmark.sheets;

/** What an evidence attachment is. */
public enum EvidenceKind {
    /** The result sheet as PDF, attached when the assessor signs it. */
    SHEET_PDF("signed result sheet (PDF)"),
    /** The AC map as WebVTT chapters, attached on request. */
    AC_MAP_VTT("AC map, WebVTT chapters"),
    /** The AC map as CSV, attached on request. */
    AC_MAP_CSV("AC map, CSV"),
    /** The AC map as JSON, attached on request. */
    AC_MAP_JSON("AC map, JSON"),
    /**
     * The recording's playable rendition with the AC map as embedded chapters, attached when it is first made for
     * a set of tags; its bytes stay in the media store with the recording.
     */
    CHAPTERED_RECORDING("recording with the AC map as chapters");

    private final String label;

    EvidenceKind(String label) {
        this.label = label;
    }

    /** What it is, for people: "AC map, CSV". */
    public String label() {
        return label;
    }

    static EvidenceKind of(AcMapFormat format) {
        return switch (format) {
            case VTT -> AC_MAP_VTT;
            case CSV -> AC_MAP_CSV;
            case JSON -> AC_MAP_JSON;
        };
    }
}
