package app.earmark.search;

import app.earmark.base.AuditableEvent;

/** What is done with search, each recorded in the audit trail. */
public final class SearchEvents {

    private SearchEvents() {
    }

    /**
     * Someone searched.
     *
     * @param query   what was typed
     * @param filters the filters and date range, e.g. {@code unit=[8580-502]; from=2026-01-01}
     * @param hits    how many documents matched (under the person's access)
     */
    public record SearchPerformed(String actor, String query, String filters, long hits) implements AuditableEvent {
        @Override
        public String action() {
            return "search-performed";
        }

        @Override
        public String subject() {
            return "search";
        }

        @Override
        public String details() {
            return "Searched for \"" + query + "\"" + (filters.isEmpty() ? "" : " with " + filters) + ": " + hits
                    + (hits == 1 ? " hit" : " hits");
        }

        /** A search changes nothing: its entry is kept whatever else happens. */
        @Override
        public boolean independentOfTransaction() {
            return true;
        }
    }

    /** The administrator (or the command line) rebuilt the index from the owners' data. */
    public record SearchIndexRebuilt(String actor, String engine, int subjects) implements AuditableEvent {
        @Override
        public String action() {
            return "search-index-rebuilt";
        }

        @Override
        public String subject() {
            return "search";
        }

        @Override
        public String details() {
            return "The " + engine + " search index was emptied and " + subjects
                    + " discussions and result sheets were queued to be indexed again";
        }

        @Override
        public boolean independentOfTransaction() {
            return true;
        }
    }
}
