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

    /**
     * The administrator (or the command line, or Earmark itself for a newer mapping version) started rebuilding the
     * index from the owners' data, into a new index beside the one that keeps answering.
     *
     * @param index    the new index's name ({@code v1-…})
     * @param subjects how many discussions and result sheets are to be indexed
     */
    public record SearchIndexRebuilt(String actor, String engine, String index, int subjects)
            implements AuditableEvent {
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
            return "A rebuild of the " + engine + " search index was started: " + subjects
                    + " discussions and result sheets to index into " + index
                    + " while the current index keeps answering";
        }

        @Override
        public boolean independentOfTransaction() {
            return true;
        }
    }

    /**
     * A rebuild finished and its index was switched in (the old one removed).
     *
     * @param startedBy who started the rebuild
     */
    public record SearchIndexSwitched(String actor, String engine, String index, int subjects, String startedBy)
            implements AuditableEvent {
        @Override
        public String action() {
            return "search-index-switched";
        }

        @Override
        public String subject() {
            return "search";
        }

        @Override
        public String details() {
            return "The " + engine + " search index " + index + " was built from " + subjects
                    + " discussions and result sheets and now answers searches (rebuild started by " + startedBy
                    + ")";
        }

        @Override
        public boolean independentOfTransaction() {
            return true;
        }
    }
}
