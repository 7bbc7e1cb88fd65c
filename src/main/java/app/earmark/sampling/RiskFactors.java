package app.earmark.sampling;

/**
 * What raises the sampling rate of an assessment above its rules.
 *
 * @param newAssessorFirst  an assessor's first this many assessments are sampled at 100 % (0: off)
 * @param referralAbove     an assessor whose referral rate (so far, this assessment included) is above this
 *                          percentage has their assessments sampled at {@code raisedPercentage}; {@code null}: off
 * @param amendmentAbove    the same for the share of their assessments that are amendments (version 2 or later)
 * @param disputes          a learner's dispute of the notes of a discussion the assessment rests on raises it
 * @param untimedAcs        a sheet signed with decided ACs that have no time counter raises it
 * @param raisedPercentage  the rate a risk factor (other than a new assessor) raises an assessment to, 0 to 100
 */
public record RiskFactors(int newAssessorFirst, Integer referralAbove, Integer amendmentAbove, boolean disputes,
        boolean untimedAcs, int raisedPercentage) {

    /** No risk factor at all. */
    public static RiskFactors none() {
        return new RiskFactors(0, null, null, false, false, 100);
    }
}
