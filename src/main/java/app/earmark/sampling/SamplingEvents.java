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
    /** A sampling plan was created or changed: a new version of it (earlier draws keep the version they used). */
    public record PlanSaved(String actor, long planId, int version, String iqa, String name, String summary)
            implements AuditableEvent {

        @Override
        public String action() {
            return "sampling-plan-saved";
        }

        @Override
        public String subject() {
            return "sampling-plan:" + planId;
        }

        @Override
        public String details() {
            return "Sampling plan " + planId + " \"" + name + "\" of " + iqa + " saved as version " + version + ": "
                    + summary;
        }
    }

    /** A plan was drawn over the signed assessments it had not yet drawn. */
    public record SampleDrawn(String actor, long planId, int version, int drawn, int sampled) implements AuditableEvent {

        @Override
        public String action() {
            return "sample-drawn";
        }

        @Override
        public String subject() {
            return "sampling-plan:" + planId;
        }

        @Override
        public String details() {
            return "Sampling plan " + planId + " (version " + version + ") drawn over " + drawn
                    + " assessment(s) not drawn before: " + sampled + " sampled";
        }
    }

    /** The centre's number of days after which a sampled assessment not yet reviewed is overdue. */
    public record OverdueDaysChanged(String actor, long centreId, int before, int after) implements AuditableEvent {

        @Override
        public String action() {
            return "sampling-overdue-days-changed";
        }

        @Override
        public String subject() {
            return "centre:" + centreId;
        }

        @Override
        public String details() {
            return "Sampled assessments are overdue for review after " + after + " day(s) (was " + before + ")";
        }
    }

    /**
     * Someone opened the list of what is due for QA review, with coverage (the IQA's view of their sample, or the
     * administrator's of the centre's).
     *
     * @param sheetIds the result sheet versions listed as due, oldest sample first
     */
    public record DueViewed(String actor, long centreId, int overdue, java.util.List<Long> sheetIds)
            implements AuditableEvent {

        static final int LISTED = 200;

        @Override
        public String action() {
            return "sampling-due-viewed";
        }

        @Override
        public String subject() {
            return "centre:" + centreId + " sampling-due";
        }

        @Override
        public String details() {
            String listed = sheetIds.stream().limit(LISTED).map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", "));
            return "What is due for QA review, and coverage, opened: " + sheetIds.size() + " due, " + overdue
                    + " overdue" + (sheetIds.isEmpty() ? "" : "; result sheets " + listed
                            + (sheetIds.size() > LISTED ? " and " + (sheetIds.size() - LISTED) + " more" : ""));
        }
    }
}
