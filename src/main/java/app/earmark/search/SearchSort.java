package app.earmark.search;

/** How hits are ordered; ties are broken by document id so both engines page identically. */
public enum SearchSort {
    RELEVANCE,
    /** Newest first. */
    DATE
}
