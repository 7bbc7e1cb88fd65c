package app.earmark.search;

import app.earmark.base.AuditableEvent;
import app.earmark.base.SearchContributor;
import app.earmark.base.SearchContributor.Piece;
import app.earmark.base.SearchContributor.PieceKind;
import app.earmark.base.SearchContributor.Subject;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Qualification;
import app.earmark.catalogue.Unit;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the index up to date with the outbox ({@code search_outbox}): for each subject that changed, re-reads its
 * pieces from every {@link SearchContributor} as they are now, upserts them as documents versioned with the newest
 * outbox id of the subject (ids only grow, so a replay converges and an older copy never wins), removes the
 * subject's documents whose pieces are gone, and only then deletes the subject's outbox rows. Where every row of a
 * subject names a piece (a tag made, changed or deleted), only those pieces are re-read and rewritten, so a tag of a
 * discussion with thousands costs one document, not thousands. When the engine is
 * down the rows stay and are applied later: right after a change commits, every
 * {@code earmark.search.feed-interval} (5 s) and at start-up.
 *
 * <p>It also builds new indexes ({@link SearchIndexes}): when the live index's mapping version is older than this
 * code's, when there is no index at all, or when the administrator asks. Each run indexes the next
 * {@value #BUILD_BATCH} discussions and result sheets (in kind and id order, after the cursor kept in
 * {@code search_build}, so a restart resumes) into the new index, while changes go to both; when every one is done
 * the new index is switched in.
 */
@Component
class SearchFeed {

    private static final Logger LOG = LoggerFactory.getLogger(SearchFeed.class);
    private static final int BATCH = 200;
    /** More pieces of one subject waiting than this (after an outage, say) are written as the whole subject. */
    static final int PIECES_AT_MOST = 500;
    /** The {@code piece_id} of the rows the feed itself writes to draw a version: no change of their subject. */
    static final String VERSION_ROW = "(version)";
    static final int BUILD_BATCH = 50;

    private final SearchIndex index;
    private final List<SearchContributor> contributors;
    private final People people;
    private final Catalogue catalogue;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** The index's builds, or null when the index is not versioned (a test's stand-in). */
    private final SearchIndexes builds;
    /** The subjects of the build in progress, in order (listed once per build and process). */
    private volatile BuildList buildList;
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "search-feed");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    /** The least time from the start of one background round to the next's: on Lucene, where each is a commit. */
    private final long spacingNanos;
    private volatile long lastRoundStarted = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
    private final AtomicLong rounds = new AtomicLong();

    SearchFeed(SearchIndex index, List<SearchContributor> contributors, People people, Catalogue catalogue,
            JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, ApplicationEventPublisher events,
            @Value("${earmark.search.feed-spacing:300ms}") Duration spacing) {
        if (spacing.isNegative() || spacing.compareTo(Duration.ofMillis(300)) > 0) {
            throw new IllegalArgumentException("earmark.search.feed-spacing must be between 0 and 300ms (changes are"
                    + " searchable within a second), not " + spacing);
        }
        // Elasticsearch makes each write durable as it acknowledges it: spacing its rounds would only delay them.
        this.spacingNanos = "lucene".equals(index.engine()) ? spacing.toNanos() : 0;
        this.index = index;
        this.events = events;
        this.builds = index instanceof SearchIndexes versioned ? versioned : null;
        this.contributors = List.copyOf(contributors);
        this.people = people;
        this.catalogue = catalogue;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        // At shutdown, a round waiting for its turn is dropped (stop()); the one under way finishes.
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Records that a subject changed, in the caller's transaction when there is one. */
    void changed(Subject subject) {
        changed(subject, null);
    }

    /**
     * Records that a subject changed, or only one piece of it (then only that piece is re-read and rewritten), in
     * the caller's transaction when there is one.
     *
     * @param pieceId the piece that changed, or null for the whole subject
     */
    void changed(Subject subject, String pieceId) {
        transaction.executeWithoutResult(status -> jdbc.update("insert into search_outbox (subject_kind, subject_id,"
                + " piece_id, created_at) values (?, ?, ?, ?)", subject.kind().name(), subject.id(), pieceId,
                OffsetDateTime.now(clock)));
    }

    /**
     * Applies the outbox soon, in the background, a round at a time (at most one run waits behind the current one),
     * with a build's next batch after each. On Lucene, rounds start at least {@code earmark.search.feed-spacing}
     * (300 ms) apart: a change after a quiet spell is applied at once, and changes that keep coming (ten people
     * tagging a second) are gathered into the next round, with one commit, rather than a round and a commit each.
     */
    void nudge() {
        if (pending.compareAndSet(false, true)) {
            long wait = Math.max(0, spacingNanos - (System.nanoTime() - lastRoundStarted));
            try {
                worker.schedule(this::run, wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                pending.set(false);
            }
        }
    }

    private void run() {
        pending.set(false);
        boolean more;
        try {
            // Something applied: more may have come meanwhile. Nothing (only failures) waits for the periodic run.
            more = round(new HashSet<>()).applied() > 0;
        } catch (RuntimeException e) {
            LOG.warn("Applying the search outbox failed; it is retried later: {}", e.toString());
            more = false;
        }
        if (!worker.isShutdown() && buildQuietly()) {
            more = true;
        }
        if (more && !worker.isShutdown()) {
            nudge();
        }
    }

    /** Opens the engine and runs one search before the first change needs it, then applies what waits. */
    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        worker.execute(() -> {
            try {
                index.search(SearchQuery.of("warm up", Set.of(0L)));
            } catch (RuntimeException e) {
                LOG.warn("The search engine is not available at start-up: {}", e.getMessage());
            }
        });
        nudge();
    }

    @Scheduled(fixedDelayString = "${earmark.search.feed-interval:5s}", initialDelayString = "${earmark.search.feed-interval:5s}")
    void periodically() {
        nudge();
    }

    /** How many changes wait to be applied. */
    long backlog() {
        Long count = jdbc.queryForObject("select count(*) from search_outbox", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Applies what waits in the outbox, oldest subject first, until it is empty or the engine is unavailable (the
     * background runs apply one round at a time instead: {@link #nudge}).
     *
     * @return how many subjects were brought up to date
     */
    synchronized int drain() {
        int applied = 0;
        Set<Subject> failed = new HashSet<>();
        while (true) {
            Round round = round(failed);
            applied += round.applied();
            if (round.last()) {
                return applied;
            }
        }
    }

    /** What one round did: how many subjects it applied, and whether nothing is left for this drain. */
    private record Round(int applied, boolean last) {
    }

    /**
     * One round: everything waiting then (up to {@value #BATCH} subjects, less those that failed in this drain),
     * made durable with one commit.
     */
    private synchronized Round round(Set<Subject> failed) {
        lastRoundStarted = System.nanoTime();
        List<Pending> batch = jdbc.query("select subject_kind, subject_id, max(id) as newest from search_outbox"
                + " group by subject_kind, subject_id order by min(id)", (rs, n) -> new Pending(
                        new Subject(Subject.Kind.valueOf(rs.getString(1)), rs.getLong(2)), rs.getLong(3)))
                .stream().filter(p -> !failed.contains(p.subject())).limit(BATCH).toList();
        if (batch.isEmpty()) {
            return new Round(0, true);
        }
        int applied = 0;
        List<Applied> written = new ArrayList<>();
        try {
            for (Pending next : batch) {
                // A version drawn now, before the subject is read: newer than every change committed so far and
                // than one still committing, whose own (older) row then stays, to be applied with a newer one.
                long version = queue(next.subject());
                try {
                    written.add(write(next.subject(), version, false));
                    applied++;
                } catch (SearchException.Unavailable e) {
                    unqueue(version);
                    note(next, e);
                    LOG.warn("The search engine is unavailable; {} waits in the outbox: {}", next.subject(),
                            e.getMessage());
                    return new Round(applied, true);
                } catch (RuntimeException e) {
                    unqueue(version);
                    note(next, e);
                    failed.add(next.subject());
                    LOG.warn("{} could not be indexed; it is retried later", next.subject(), e);
                }
            }
        } finally {
            record(written);
        }
        return new Round(applied, false);
    }

    /** How many rounds have written to the index, each made durable with one commit. */
    long rounds() {
        return rounds.get();
    }

    private void note(Pending next, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        jdbc.update("update search_outbox set attempts = attempts + 1, last_error = ? where subject_kind = ?"
                + " and subject_id = ? and id <= ?", message.substring(0, Math.min(1000, message.length())),
                next.subject().kind().name(), next.subject().id(), next.newest());
    }

    /** Re-reads one subject from its owners and brings the index and the outbox in line with it. */
    void apply(Subject subject, long version) {
        record(List.of(write(subject, version, true)));
    }

    /**
     * Re-reads one subject from its owners and writes its documents (and removes those of pieces gone): only the
     * pieces the outbox names when every row seen names one (a tag changed), else all of them.
     *
     * @param version the outbox row drawn for this write
     * @param whole   whether to write the whole subject whatever the rows say (a build, a replay)
     */
    private Applied write(Subject subject, long version, boolean whole) {
        // The outbox rows committed before the subject is read: the read reflects them, so only they are forgotten
        // afterwards. A row of an older id that commits later (ids are drawn before commit) stays, to be applied.
        List<Seen> seen = jdbc.query("select id, piece_id from search_outbox where subject_kind = ? and subject_id = ?"
                + " and id <= ?", (rs, n) -> new Seen(rs.getLong(1), rs.getString(2)), subject.kind().name(),
                subject.id(), version);
        List<Long> rows = seen.stream().map(Seen::id).toList();
        // The rows of changes, not those drawn for versions (this write's, another node's in flight, or one left by a
        // node that stopped before forgetting it).
        Set<String> named = new LinkedHashSet<>();
        seen.stream().filter(row -> !VERSION_ROW.equals(row.pieceId())).forEach(row -> named.add(row.pieceId()));
        if (!whole && named.isEmpty()) {
            // Another node applied this subject's changes between the listing and now: nothing is left to write.
            return new Applied(subject, version, false, Set.of(), Set.of(), rows);
        }
        if (!whole && !named.contains(null) && named.size() <= PIECES_AT_MOST
                && subject.kind() == Subject.Kind.DISCUSSION) {
            // Only the named pieces, completed from the discussion's own piece; without it the discussion is gone
            // and is written whole (which removes everything).
            List<Piece> pieces = new ArrayList<>();
            contributors.forEach(c -> pieces.addAll(c.pieces(subject, named)));
            if (pieces.stream().anyMatch(p -> p.kind() == PieceKind.DISCUSSION_TITLE)) {
                List<SearchDocument> documents = documents(subject, pieces, version).stream()
                        .filter(d -> named.contains(d.id())).toList();
                return put(subject, version, false, documents, named, rows);
            }
        }
        List<Piece> pieces = new ArrayList<>();
        contributors.forEach(c -> pieces.addAll(c.pieces(subject)));
        List<String> indexed = jdbc.queryForList("select document_id from search_entry where subject_kind = ?"
                + " and subject_id = ?", String.class, subject.kind().name(), subject.id());
        return put(subject, version, true, documents(subject, pieces, version), indexed, rows);
    }

    /**
     * Upserts the documents and removes those of {@code candidates} that are not among them (the pieces gone).
     *
     * @param whole whether the documents are all of the subject's (then its recorded ids are replaced)
     */
    private Applied put(Subject subject, long version, boolean whole, List<SearchDocument> documents,
            Collection<String> candidates, List<Long> rows) {
        Set<String> ids = new LinkedHashSet<>();
        documents.forEach(d -> ids.add(d.id()));
        if (!documents.isEmpty()) {
            index.upsert(documents);
        }
        Set<String> gone = new LinkedHashSet<>(candidates);
        gone.removeAll(ids);
        gone.forEach(index::delete); // one not in the index is no work for it
        return new Applied(subject, version, whole, ids, gone, rows);
    }

    /**
     * Makes what was written durable in the engine, and only then records the subjects' document ids and forgets the
     * outbox rows the write had seen: a crash in between applies them again, to the same result.
     */
    private void record(List<Applied> written) {
        if (written.isEmpty()) {
            return;
        }
        rounds.incrementAndGet();
        if (builds != null) {
            builds.flush();
        }
        // One short transaction per subject, as another node's feed may be recording the same subject: it waits
        // for this one's rows and then finds them there (the same ids, as both read the same owners' state).
        for (Applied applied : written) {
            String kind = applied.subject().kind().name();
            long id = applied.subject().id();
            transaction.executeWithoutResult(status -> {
                if (applied.whole()) {
                    jdbc.update("delete from search_entry where subject_kind = ? and subject_id = ?", kind, id);
                } else {
                    jdbc.batchUpdate("delete from search_entry where document_id = ?",
                            applied.removedIds().stream().map(doc -> new Object[] {doc}).toList());
                }
                jdbc.batchUpdate("insert into search_entry (document_id, subject_kind, subject_id) values (?, ?, ?)"
                        + " on conflict do nothing",
                        applied.documentIds().stream().map(doc -> new Object[] {doc, kind, id}).toList());
                jdbc.batchUpdate("delete from search_outbox where id = ?",
                        applied.outboxIds().stream().map(row -> new Object[] {row}).toList());
            });
        }
    }

    /**
     * Starts building a new index beside the live one, which keeps answering; the feed fills it in the background
     * and switches it in when done. An unfinished build is dropped and started again.
     *
     * @return the build just started
     */
    IndexStatus.Build rebuild(String actor) {
        if (builds == null) {
            throw new IllegalStateException("This search index is not versioned: it cannot be rebuilt");
        }
        IndexStatus.Build build;
        synchronized (this) {
            build = startBuild(actor, builds.startBuild());
        }
        nudge();
        return build;
    }

    private IndexStatus.Build startBuild(String actor, String name) {
        List<Subject> subjects = subjects();
        buildList = new BuildList(name, subjects);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.update("insert into search_build (name, engine, mapping_version, started_by, started_at, total)"
                + " values (?, ?, ?, ?, ?, ?)", name, index.engine(), IndexStore.versionOf(name), actor, now,
                subjects.size());
        events.publishEvent(new SearchEvents.SearchIndexRebuilt(actor, index.engine(), name, subjects.size()));
        LOG.info("Search index rebuild started by {}: {} discussions and result sheets to index into {}", actor,
                subjects.size(), name);
        return new IndexStatus.Build(name, IndexStore.versionOf(name), actor, now, 0, subjects.size(), null);
    }

    /** Every subject the owners list, in kind and id order (the order a build goes in). */
    private List<Subject> subjects() {
        Set<Subject> subjects = new HashSet<>();
        contributors.forEach(c -> subjects.addAll(c.subjects()));
        return subjects.stream().sorted(SUBJECT_ORDER).toList();
    }

    private static final Comparator<Subject> SUBJECT_ORDER = Comparator.comparing(Subject::kind)
            .thenComparingLong(Subject::id);

    private boolean buildQuietly() {
        try {
            return buildStep();
        } catch (SearchException.Unavailable e) {
            // The outbox's own run has said so already.
            LOG.debug("The search engine is unavailable; the index build waits: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Building the search index failed; it is retried later: {}", e.toString());
        }
        return false;
    }

    /**
     * Carries the build on by one batch: starts one when the live index is of an older mapping version, indexes the
     * next subjects after the cursor into the new index (through the outbox's own path, so they are written to both
     * indexes with a fresh version), and switches the new index in when every subject is done.
     *
     * @return whether there is more to build
     */
    synchronized boolean buildStep() {
        if (builds == null) {
            return false;
        }
        IndexStore.Layout layout = builds.layout();
        if (layout.building() == null) {
            if (layout.liveVersion() < builds.mappingVersion()) {
                LOG.info("The live search index {} is of mapping version {}; this Earmark builds version {}",
                        layout.live(), layout.liveVersion(), builds.mappingVersion());
                startBuild(AuditableEvent.SYSTEM, builds.startBuild());
                return true;
            }
            return false;
        }
        String name = layout.building();
        Optional<Row> found = row(name);
        if (found.isEmpty()) {
            // The engine started it (a fresh install's first index) or Earmark stopped before recording it.
            startBuild(AuditableEvent.SYSTEM, name);
            found = row(name);
        }
        Row row = found.orElseThrow();
        BuildList list = buildList;
        if (list == null || !list.name().equals(name)) {
            list = new BuildList(name, subjects());
            buildList = list;
        }
        Subject cursor = row.cursor();
        List<Subject> next = list.subjects().stream()
                .filter(subject -> cursor == null || SUBJECT_ORDER.compare(subject, cursor) > 0)
                .limit(BUILD_BATCH).toList();
        int done = row.done();
        List<Applied> written = new ArrayList<>();
        try {
            for (Subject subject : next) {
                try {
                    written.add(write(subject, queue(subject), true));
                } catch (SearchException.Unavailable e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Its outbox row stays: the feed retries it (into both indexes) with the other failures.
                    LOG.warn("{} could not be indexed into {}; it is retried later", subject, name, e);
                }
                done++;
            }
        } finally {
            record(written); // durable in both indexes before the cursor moves on
        }
        if (!next.isEmpty()) {
            // After a crash before the cursor moves, the batch is indexed again (the same result).
            Subject last = next.get(next.size() - 1);
            jdbc.update("update search_build set done = ?, cursor_kind = ?, cursor_id = ? where name = ?", done,
                    last.kind().name(), last.id(), name);
        }
        if (next.size() == BUILD_BATCH) {
            return true;
        }
        builds.finishBuild(name);
        // Audited before the build is marked finished: whoever sees it finished finds it in the audit trail.
        events.publishEvent(new SearchEvents.SearchIndexSwitched(AuditableEvent.SYSTEM, index.engine(), name,
                done, row.startedBy()));
        jdbc.update("update search_build set finished_at = ?, done = greatest(done, total) where name = ?",
                OffsetDateTime.now(clock), name);
        LOG.info("Search index {} built from {} discussions and result sheets and switched in", name, done);
        return false;
    }

    /**
     * Writes an outbox row for the subject, marked as no change of it ({@link #VERSION_ROW}), and returns its id: the
     * version its documents get.
     */
    private long queue(Subject subject) {
        var key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("insert into search_outbox (subject_kind,"
                    + " subject_id, piece_id, created_at) values (?, ?, ?, ?)", new String[] {"id"});
            statement.setString(1, subject.kind().name());
            statement.setLong(2, subject.id());
            statement.setString(3, VERSION_ROW);
            statement.setObject(4, OffsetDateTime.now(clock));
            return statement;
        }, key);
        return key.getKey().longValue();
    }

    /** Takes back an outbox row drawn for a version that was not written. */
    private void unqueue(long id) {
        jdbc.update("delete from search_outbox where id = ?", id);
    }

    private Optional<Row> row(String name) {
        return jdbc.query("select name, started_by, done, cursor_kind, cursor_id from search_build where name = ?",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4) == null ? null
                        : new Subject(Subject.Kind.valueOf(rs.getString(4)), rs.getLong(5))), name)
                .stream().findFirst();
    }

    /** The index's state, its build in progress and the last one switched in. */
    IndexStatus status() {
        long backlog = backlog();
        if (builds == null) {
            return new IndexStatus(index.engine(), 0, null, 0, null, null, backlog, null);
        }
        IndexStore.Layout layout;
        try {
            layout = builds.layout();
        } catch (SearchException.Unavailable e) {
            return new IndexStatus(index.engine(), builds.mappingVersion(), null, 0, null, null, backlog,
                    e.getMessage());
        }
        IndexStatus.Build building = layout.building() == null ? null : build(layout.building()).orElse(null);
        // The build that made the live index (none for an index older than build records).
        IndexStatus.Build lastBuilt = layout.live() == null ? null : build(layout.live())
                .filter(b -> b.finishedAt() != null).orElse(null);
        return new IndexStatus(index.engine(), builds.mappingVersion(), layout.live(), layout.liveVersion(),
                building, lastBuilt, backlog, null);
    }

    private Optional<IndexStatus.Build> build(String name) {
        return jdbc.query("select name, mapping_version, started_by, started_at, done, total, finished_at"
                + " from search_build where name = ?", this::buildOf, name).stream().findFirst();
    }

    private IndexStatus.Build buildOf(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new IndexStatus.Build(rs.getString(1), rs.getInt(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class), Math.min(rs.getInt(5), rs.getInt(6)), rs.getInt(6),
                rs.getObject(7, OffsetDateTime.class));
    }

    private record Row(String name, String startedBy, int done, Subject cursor) {
    }

    private record BuildList(String name, List<Subject> subjects) {
    }

    /** The subject's pieces as documents, each completed from the subject's context. */
    List<SearchDocument> documents(Subject subject, List<Piece> pieces, long version) {
        Optional<Piece> context = subject.kind() == Subject.Kind.DISCUSSION
                ? pieces.stream().filter(p -> p.kind() == PieceKind.DISCUSSION_TITLE).findFirst()
                : pieces.stream().filter(p -> p.kind() == PieceKind.SHEET_AC_FEEDBACK
                        || p.kind() == PieceKind.LO_COMMENT).findFirst()
                        .or(() -> pieces.stream().filter(p -> p.learnerId() != null).findFirst());
        if (context.isEmpty()) {
            return List.of();
        }
        Piece ctx = context.get();
        String qaState = subject.kind() == Subject.Kind.SHEET ? pieces.stream()
                .filter(p -> p.kind() == PieceKind.QA_NOTE || p.kind() == PieceKind.QA_ACTION)
                .map(Piece::qaState).filter(s -> s != null).findFirst().orElse(null) : null;
        Set<Long> personIds = new HashSet<>();
        pieces.forEach(p -> {
            addIfPresent(personIds, p.learnerId() != null ? p.learnerId() : ctx.learnerId());
            addIfPresent(personIds, p.assessorId() != null ? p.assessorId() : ctx.assessorId());
        });
        Map<Long, PersonRef> names = personIds.isEmpty() ? Map.of() : people.refs(personIds);
        CatalogueLookups lookups = new CatalogueLookups();
        List<SearchDocument> documents = new ArrayList<>();
        for (Piece piece : pieces) {
            Long learnerId = piece.learnerId() != null ? piece.learnerId() : ctx.learnerId();
            LocalDate date = piece.date() != null ? piece.date() : ctx.date();
            if (learnerId == null || date == null) {
                LOG.warn("Search piece {} of {} has no learner or date; not indexed", piece.id(), subject);
                continue;
            }
            Long assessorId = piece.assessorId() != null ? piece.assessorId() : ctx.assessorId();
            Long discussionId = piece.discussionId() != null ? piece.discussionId() : ctx.discussionId();
            Set<Long> unitIds = new LinkedHashSet<>(piece.unitIds());
            Set<Long> lookIn = new LinkedHashSet<>(unitIds);
            lookIn.addAll(ctx.unitIds());
            Set<String> acs = new LinkedHashSet<>();
            for (Long criterion : piece.criterionIds()) {
                lookups.ac(criterion, lookIn).ifPresent(acs::add);
            }
            if (unitIds.isEmpty() && acs.isEmpty()) {
                unitIds.addAll(ctx.unitIds());
            }
            Set<String> unitCodes = new LinkedHashSet<>();
            unitIds.forEach(u -> lookups.unit(u).ifPresent(found -> unitCodes.add(found.code())));
            acs.forEach(a -> unitCodes.add(a.substring(0, a.lastIndexOf('/'))));
            String qualification = unitCodes.stream().map(lookups::qualificationOf).flatMap(Optional::stream)
                    .findFirst().orElse(null);
            Target target;
            if (piece.momentMs() != null && discussionId != null) {
                target = new Target.Moment(discussionId, piece.recordingId(), piece.momentMs());
            } else if (piece.sheetId() != null) {
                target = new Target.SheetAc(piece.sheetId(), piece.acNumber() != null ? piece.acNumber()
                        : acs.size() == 1 ? acs.iterator().next() : null);
            } else if (discussionId != null) {
                target = new Target.Moment(discussionId, 0);
            } else {
                LOG.warn("Search piece {} of {} opens nothing; not indexed", piece.id(), subject);
                continue;
            }
            String pieceQa = piece.qaState() != null ? piece.qaState() : qaState;
            String sheetState = piece.sheetState() != null ? piece.sheetState() : ctx.sheetState();
            if (subject.kind() == Subject.Kind.SHEET && "ACCEPTED".equals(qaState)) {
                sheetState = "QA_ACCEPTED";
            } else if (subject.kind() == Subject.Kind.SHEET && "ACTION_REQUIRED".equals(qaState)) {
                sheetState = "ACTION_REQUIRED";
            }
            PersonRef learner = names.get(learnerId);
            PersonRef assessor = assessorId == null ? null : names.get(assessorId);
            documents.add(SearchDocument.builder(piece.id(), version, DocumentKind.valueOf(piece.kind().name()),
                    learnerId, date, target)
                    .learner(learner == null ? null : learner.displayName())
                    .assessor(assessorId, assessor == null ? null : assessor.displayName())
                    .discussion(discussionId, piece.title())
                    .text(piece.text())
                    .qualification(qualification)
                    .units(unitCodes)
                    .acs(acs)
                    .outcome(piece.outcome())
                    .sheetState(sheetState)
                    .discussionMode(piece.mode() != null ? piece.mode() : ctx.mode())
                    .qaState(pieceQa)
                    .build());
        }
        return documents;
    }

    private static void addIfPresent(Collection<Long> ids, Long id) {
        if (id != null) {
            ids.add(id);
        }
    }

    /**
     * The catalogue as one {@link #documents} call needs it, each unit and the qualifications read at most once (a
     * discussion's pieces mostly name the same few units, and a large one has thousands of pieces).
     */
    private final class CatalogueLookups {
        private final Map<Long, Optional<Unit>> units = new HashMap<>();
        private Map<String, String> qualificationByUnit;

        Optional<Unit> unit(long id) {
            return units.computeIfAbsent(id, catalogue::unit);
        }

        /** An AC as written with its unit ({@code 8580-502/2.3}), looked up among the given unit versions. */
        Optional<String> ac(long criterionId, Collection<Long> unitIds) {
            for (Long unitId : unitIds) {
                Optional<Unit> unit = unit(unitId);
                if (unit.isPresent()) {
                    for (Map.Entry<String, Long> entry : unit.get().criterionIds().entrySet()) {
                        if (entry.getValue() == criterionId) {
                            return Optional.of(unit.get().code() + "/" + entry.getKey());
                        }
                    }
                }
            }
            return Optional.empty();
        }

        /** The code of the (first listed) qualification the unit belongs to. */
        Optional<String> qualificationOf(String unitCode) {
            if (qualificationByUnit == null) {
                qualificationByUnit = new HashMap<>();
                for (Qualification qualification : catalogue.qualifications()) {
                    qualification.units().forEach(u -> qualificationByUnit.putIfAbsent(u.code(), qualification.code()));
                }
            }
            return Optional.ofNullable(qualificationByUnit.get(unitCode));
        }
    }

    /**
     * Lets the round under way finish (Lucene's writer does not survive an interrupt in the middle of its I/O) and
     * drops the rounds scheduled after it: what they would have applied stays in the outbox for the next start.
     */
    @jakarta.annotation.PreDestroy
    void stop() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The search feed's round did not finish within 30 s of shutdown; it is interrupted");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A subject written to the index at a version: whole (all its documents) or some of its pieces.
     *
     * @param documentIds the documents written
     * @param removedIds  the documents removed (of pieces gone)
     * @param outboxIds   the outbox rows the write had seen, to be forgotten once it is durable
     */
    private record Applied(Subject subject, long version, boolean whole, Set<String> documentIds,
            Set<String> removedIds, List<Long> outboxIds) {
    }

    /** An outbox row of a subject: a change of the whole subject, or only of the piece it names. */
    private record Seen(long id, String pieceId) {
    }

    private record Pending(Subject subject, long newest) {
    }
}
