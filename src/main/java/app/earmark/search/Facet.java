package app.earmark.search;

/**
 * The fields a search can be filtered and counted by. Values are strings: ids for {@link #LEARNER} and
 * {@link #ASSESSOR}, the unit and AC as written ({@code 502}, {@code 502/2.3}) for {@link #UNIT} and {@link #AC},
 * the enum names of the owning modules for the states, {@link DocumentKind} names for {@link #KIND}.
 */
public enum Facet {
    KIND("kind"),
    QUALIFICATION("qualification"),
    UNIT("unit"),
    AC("ac"),
    ASSESSOR("assessor"),
    LEARNER("learner"),
    OUTCOME("outcome"),
    SHEET_STATE("sheet_state"),
    DISCUSSION_MODE("mode"),
    QA_STATE("qa_state");

    private final String field;

    Facet(String field) {
        this.field = field;
    }

    /** The field name both engines use for this facet. */
    public String field() {
        return field;
    }
}
