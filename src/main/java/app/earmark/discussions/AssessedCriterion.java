package app.earmark.discussions;

/**
 * An AC of a unit version a discussion assesses, with where it sits in its unit.
 *
 * @param id the AC's identity in the catalogue (of that unit version)
 */
public record AssessedCriterion(long id, String unitCode, long unitId, String number, int loNumber, String loTitle,
        String text) {

    /** "8587-300 AC 1.2". */
    public String label() {
        return unitCode + " AC " + number;
    }
}
