/**
 * Result sheets: for a learner and a unit, the assessor's feedback and decision per AC (Pass / Referral,
 * or marks where the unit has a mark scheme), computed by the awarding body's rules, with the annotated
 * time counters of the learner's tagged discussions beside each AC. A signed sheet is immutable and
 * hashed; an amendment is a new version. Also the outputs attached to the evidence record: the sheet as
 * PDF with its AC map, and the AC map as WebVTT chapters, CSV, JSON and a chaptered copy of the recording;
 * and the learner's progress by the rules of combination.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Result sheets")
package app.earmark.sheets;
