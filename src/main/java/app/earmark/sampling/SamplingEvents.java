package app.earmark.sampling;

import app.earmark.base.AuditableEvent;

/** Draws of IQA samples, each recorded in the audit trail. */
public final class SamplingEvents {

    private SamplingEvents() {
    }

    /**
     * A signed assessment (one result sheet version) was drawn into an IQA's sample.
     *
     * @param reason why, for people, e.g. "new assessor, 3 of 5"
     */
    public record AssessmentSampled(String actor, long planId, long sampleId, long sheetId, long learnerId,
            String iqa, String reason) implements AuditableEvent {

        @Override
        public String action() {
            return "assessment-sampled";
        }

        @Override
        public String subject() {
            return "sheet:" + sheetId + " sample:" + sampleId;
        }

        @Override
        public String details() {
            return "Result sheet " + sheetId + " sampled for " + iqa + " under plan " + planId + ": " + reason;
        }
    }
}
