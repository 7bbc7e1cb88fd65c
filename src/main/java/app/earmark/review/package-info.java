/**
 * IQA review at the moment: the reviewer's agree / disagree per AC, time-coded QA notes on the recording
 * (never mixed with the assessor's tags), the outcome (accept, or action required with actions that go to
 * the assessor and their answers), bound to the exact sheet version and its SHA-256, and its exports.
 */
@org.springframework.modulith.ApplicationModule(displayName = "QA review")
package app.earmark.review;
