package app.earmark.sheets;

import java.util.List;

/**
 * A learner's progress towards a qualification by its rules of combination, from their signed result
 * sheets (a unit counts once its latest signed version is a Pass).
 */
public record Progress(String qualificationCode, String qualificationTitle, List<String> passedUnits, int credits,
        List<Award> awards) {

    public Progress {
        passedUnits = List.copyOf(passedUnits);
        awards = List.copyOf(awards);
    }

    /**
     * One award of the qualification and how far the learner is from it.
     *
     * @param missing in words: the mandatory units still to pass, the groups still to complete, the credits still
     *        to gain
     * @param provisional why the award's rule of combination is not yet confirmed, or {@code null} for a confirmed rule
     */
    public record Award(String award, boolean achieved, List<String> missing, String provisional) {

        public Award {
            missing = List.copyOf(missing);
        }
    }
}
