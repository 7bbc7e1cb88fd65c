package app.earmark.security;

/** The roles a person can hold in a centre. A person may hold several (an assessor who is also an IQA). */
public enum Role {
    ADMIN("Centre administrator"),
    ASSESSOR("Assessor"),
    LEARNER("Learner"),
    IQA("Internal quality assurer"),
    EQA("External quality assurer");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Role names as compile-time constants, for {@code @RolesAllowed}. */
    public static final class Name {
        public static final String ADMIN = "ADMIN";
        public static final String ASSESSOR = "ASSESSOR";
        public static final String LEARNER = "LEARNER";
        public static final String IQA = "IQA";
        public static final String EQA = "EQA";

        private Name() {
        }
    }
}
