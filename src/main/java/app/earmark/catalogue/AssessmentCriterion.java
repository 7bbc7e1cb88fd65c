package app.earmark.catalogue;

/**
 * One assessment criterion as the source documents give it.
 *
 * @param number  "1.1": learning outcome, then position
 * @param marks   marks available (mark-sheet units only)
 * @param minimum the least mark that meets the AC (mark-sheet units only)
 */
public record AssessmentCriterion(String number, String text, Integer marks, Integer minimum, Descriptors descriptors,
        String depth, String guidance) {

    public AssessmentCriterion {
        descriptors = descriptors == null ? new Descriptors(null, null, null) : descriptors;
    }

    /** "AC 1.1". */
    public String label() {
        return "AC " + number;
    }
}
