package app.earmark.sampling;

/**
 * One rule of a sampling plan: the assessments it covers (each criterion empty for "any") and the percentage of them
 * to sample. When several rules cover an assessment, the highest percentage applies.
 *
 * @param assessorId        an assessor the IQA quality-assures, or {@code null} for any of them
 * @param qualificationCode e.g. "8587", or {@code null}
 * @param unitCode          e.g. "8587-300", or {@code null}
 * @param percentage        0 to 100
 */
public record SamplingRule(Long assessorId, String qualificationCode, String unitCode, AssessmentMethod method,
        AssessmentStage stage, int percentage) {

    public SamplingRule {
        qualificationCode = blankToNull(qualificationCode);
        unitCode = blankToNull(unitCode);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
