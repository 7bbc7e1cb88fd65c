/**
 * The centre and its people: accounts and roles, learners' enrolments on qualifications (with their
 * registration numbers), assessor ↔ learner and IQA ↔ assessor assignments and EQA access grants; and
 * the one rule every other module asks about, who may see which learner ({@link app.earmark.people.People}).
 * Supplies Spring Security's {@code UserDetailsService}. Creates the demo centre when asked to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Centre and people")
package app.earmark.people;
