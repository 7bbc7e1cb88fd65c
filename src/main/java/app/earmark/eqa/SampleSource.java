package app.earmark.eqa;

import java.util.List;

/**
 * The IQA samples an administrator may grant to an EQA. Implemented by the sampling module (a bean there); until
 * one exists, grants by sample are not offered.
 */
public interface SampleSource {

    /** The samples of the signed-in administrator's centre, newest first. */
    List<Sample> samples();

    /** What a sample drew: one item per learner and unit version; empty for an unknown sample. */
    List<SampledItem> items(long sampleId);

    /** A sample as offered for a grant, e.g. "IQA plan 2026 Q1, drawn 14/03/2026 (12 assessments)". */
    record Sample(long id, String label) {
    }

    /** One sampled learner and unit version. */
    record SampledItem(long learnerId, long unitId) {
    }
}
