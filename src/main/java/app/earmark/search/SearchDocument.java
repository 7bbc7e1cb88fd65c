package app.earmark.search;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One searchable piece of evidence, a copy of what another module owns. Upserts are idempotent by {@code id} and
 * {@code version}: an engine never lets an older version replace a newer one.
 *
 * @param id             unique across kinds, e.g. {@code tag:42}, {@code sheet-ac:7:502/2.3}
 * @param version        the owner's version of the row (higher is newer)
 * @param kind           what this is a copy of
 * @param learnerId      whose evidence this is: the access filter
 * @param learnerName    the learner's display name (searchable, accent- and case-insensitive)
 * @param assessorId     the assessor, or null
 * @param assessorName   the assessor's display name, or null
 * @param discussionId   the discussion hits are grouped by, or null (a sheet not tied to one discussion)
 * @param title          the discussion's title (searchable), or null
 * @param text           the searchable body: the note, feedback, comment, question, dispute; may be empty
 * @param qualification  the qualification's code, or null
 * @param units          unit codes; the units of {@code acs} are added
 * @param acs            ACs as written with their unit, {@code 502/2.3}
 * @param outcome        {@code PASS}, {@code REFERRAL}, {@code UNDECIDED}, ... or null
 * @param sheetState     the result sheet's state (draft, signed, QA accepted, action required), or null
 * @param discussionMode face to face, remote, live, upload, or null
 * @param qaState        the QA state, or null
 * @param date           the day the evidence belongs to (the discussion's or the sheet's): date filter and sort
 * @param target         where a hit opens
 */
public record SearchDocument(String id, long version, DocumentKind kind, long learnerId, String learnerName,
        Long assessorId, String assessorName, Long discussionId, String title, String text, String qualification,
        Set<String> units, Set<String> acs, String outcome, String sheetState, String discussionMode,
        String qaState, LocalDate date, Target target) {

    /** An AC with its unit: unit code, a slash, the AC number ({@code 502/2.3}, {@code F/502/1234/1.1}). */
    static final Pattern AC = Pattern.compile("(\\S+)/([A-Za-z]?\\d+(?:\\.\\d+)*)");
    private static final int MAX_TEXT = 100_000;

    public SearchDocument {
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("A search document needs an id of 1 to 200 characters: " + id);
        }
        if (version < 0) {
            throw new IllegalArgumentException("A search document's version cannot be negative: " + version);
        }
        Objects.requireNonNull(kind, "A search document needs a kind");
        Objects.requireNonNull(date, "A search document needs a date");
        Objects.requireNonNull(target, "A search document needs a target");
        text = text == null ? "" : text;
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("The text of search document " + id + " is " + text.length()
                    + " characters long; at most " + MAX_TEXT + " are indexed");
        }
        acs = Set.copyOf(new TreeSet<>(acs == null ? Set.of() : acs));
        var allUnits = new TreeSet<>(units == null ? Set.<String>of() : units);
        for (String ac : acs) {
            var matcher = AC.matcher(ac);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("An AC of search document " + id
                        + " must be written with its unit, like 502/2.3: " + ac);
            }
            allUnits.add(matcher.group(1));
        }
        units = Set.copyOf(allUnits);
    }

    /** Starts a document with what every document needs; the rest is optional. */
    public static Builder builder(String id, long version, DocumentKind kind, long learnerId, LocalDate date,
            Target target) {
        return new Builder(id, version, kind, learnerId, date, target);
    }

    /** The same document with another version and text (what an edit produces). */
    public SearchDocument withVersionAndText(long newVersion, String newText) {
        return new SearchDocument(id, newVersion, kind, learnerId, learnerName, assessorId, assessorName,
                discussionId, title, newText, qualification, units, acs, outcome, sheetState, discussionMode,
                qaState, date, target);
    }

    /** Builds a {@link SearchDocument}. */
    public static final class Builder {
        private final String id;
        private final long version;
        private final DocumentKind kind;
        private final long learnerId;
        private final LocalDate date;
        private final Target target;
        private String learnerName;
        private Long assessorId;
        private String assessorName;
        private Long discussionId;
        private String title;
        private String text;
        private String qualification;
        private Set<String> units = Set.of();
        private Set<String> acs = Set.of();
        private String outcome;
        private String sheetState;
        private String discussionMode;
        private String qaState;

        private Builder(String id, long version, DocumentKind kind, long learnerId, LocalDate date, Target target) {
            this.id = id;
            this.version = version;
            this.kind = kind;
            this.learnerId = learnerId;
            this.date = date;
            this.target = target;
            if (target instanceof Target.Moment moment) {
                this.discussionId = moment.discussionId();
            }
        }

        public Builder learner(String name) {
            this.learnerName = name;
            return this;
        }

        public Builder assessor(Long id, String name) {
            this.assessorId = id;
            this.assessorName = name;
            return this;
        }

        public Builder discussion(Long id, String title) {
            this.discussionId = id;
            this.title = title;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder qualification(String qualification) {
            this.qualification = qualification;
            return this;
        }

        public Builder units(Collection<String> units) {
            this.units = Set.copyOf(units);
            return this;
        }

        public Builder acs(Collection<String> acs) {
            this.acs = Set.copyOf(acs);
            return this;
        }

        public Builder outcome(String outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder sheetState(String sheetState) {
            this.sheetState = sheetState;
            return this;
        }

        public Builder discussionMode(String discussionMode) {
            this.discussionMode = discussionMode;
            return this;
        }

        public Builder qaState(String qaState) {
            this.qaState = qaState;
            return this;
        }

        public SearchDocument build() {
            return new SearchDocument(id, version, kind, learnerId, learnerName, assessorId, assessorName,
                    discussionId, title, text, qualification, units, acs, outcome, sheetState, discussionMode,
                    qaState, date, target);
        }
    }
}
