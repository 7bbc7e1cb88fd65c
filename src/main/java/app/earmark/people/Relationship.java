package app.earmark.people;

import app.earmark.security.Role;

/** The working relationships between people of a centre, with the role each end must hold. */
public enum Relationship {
    /** An assessor assesses a learner. */
    ASSESSES(Role.ASSESSOR, Role.LEARNER, "assesses"),
    /** An IQA quality-assures an assessor's decisions. */
    QUALITY_ASSURES(Role.IQA, Role.ASSESSOR, "quality-assures"),
    /** An EQA has been given access to a learner's evidence. */
    EQA_ACCESS(Role.EQA, Role.LEARNER, "has EQA access to");

    private final Role fromRole;
    private final Role toRole;
    private final String phrase;

    Relationship(Role fromRole, Role toRole, String phrase) {
        this.fromRole = fromRole;
        this.toRole = toRole;
        this.phrase = phrase;
    }

    public Role fromRole() {
        return fromRole;
    }

    public Role toRole() {
        return toRole;
    }

    /** "assesses", as in "Alex assesses Sam". */
    public String phrase() {
        return phrase;
    }
}
