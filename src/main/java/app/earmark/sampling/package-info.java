/**
 * IQA sampling: sampling plans per centre and IQA (rules by assessor, qualification and unit, method and
 * stage, with a rate, and risk factors that raise it), reproducible and explained draws of signed
 * assessments, what is due and overdue for review, and coverage per assessor, unit and AC.
 */
@org.springframework.modulith.ApplicationModule(displayName = "IQA sampling")
package app.earmark.sampling;
