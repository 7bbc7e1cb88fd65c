/**
 * Retention of recordings: how long a centre keeps a learner's recordings after their certification or withdrawal
 * (a period per qualification, with a centre default), the dates the administrator records, holds placed by an IQA,
 * an EQA or the administrator that block deletion, and the deletion itself: previewed, confirmed by the
 * administrator, finished by running it again if interrupted, and audited one entry per recording. Sheets, tags and
 * the audit trail are kept; only the media goes (see docs/retention.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Retention, holds and deletion of media")
package app.earmark.retention;
