package app.earmark.search;

/** What a searchable document is a copy of. */
public enum DocumentKind {
    /** A tag's note (and its ACs) at a moment of a recording. */
    TAG_NOTE,
    /** The assessor's feedback on one AC of a result sheet. */
    SHEET_AC_FEEDBACK,
    /** The assessor's comment on a learning outcome of a result sheet. */
    LO_COMMENT,
    /** A question of a discussion's plan (and its ACs). */
    PLAN_QUESTION,
    /** An IQA's note at a moment of a recording. */
    QA_NOTE,
    /** An action an IQA asked of the assessor. */
    QA_ACTION,
    /** A learner's dispute of an item of the notes. */
    DISPUTE,
    /** A discussion's title (with its learner and assessor). */
    DISCUSSION_TITLE
}
