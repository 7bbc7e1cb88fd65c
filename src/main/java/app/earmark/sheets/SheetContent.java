package app.earmark.sheets;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the assessor writes on a sheet: per AC (by its catalogue id) a decision or marks, feedback and any
 * other evidence; optional comments per learning outcome; and the IQA's verification comments.
 */
public record SheetContent(Map<Long, AcEntry> criteria, Map<Integer, String> loComments,
        Map<Integer, String> verificationComments) {

    public SheetContent {
        criteria = criteria == null ? Map.of() : Map.copyOf(criteria);
        loComments = loComments == null ? Map.of() : Map.copyOf(new TreeMap<>(loComments));
        verificationComments = verificationComments == null ? Map.of() : Map.copyOf(verificationComments);
    }

    public static SheetContent empty() {
        return new SheetContent(Map.of(), Map.of(), Map.of());
    }

    public AcEntry entry(long criterionId) {
        return criteria.getOrDefault(criterionId, AcEntry.EMPTY);
    }

    /**
     * One AC on the sheet.
     *
     * @param result        Pass or Referral (when the sheet is not marked), or {@code null} while undecided
     * @param marks         marks awarded (when the sheet is marked), or {@code null} while unmarked
     * @param feedback      the assessor's feedback on the AC
     * @param otherEvidence evidence other than the recording (e.g. "portfolio p. 12")
     */
    public record AcEntry(AcResult result, Integer marks, String feedback, String otherEvidence) {

        static final AcEntry EMPTY = new AcEntry(null, null, null, null);
    }
}
