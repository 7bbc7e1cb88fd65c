package app.earmark.recordings;

import app.earmark.base.AuditableEvent;
import app.earmark.recordings.Recordings.Media;
import app.earmark.recordings.Recordings.MediaKind;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The streaming path's access check, with its positive answers remembered for a few seconds. A media player asks for
 * a recording many times a second in ranges (each seek, each buffer refill); asking the database each time whether
 * this person may see this recording, and where its file is, was most of a Range request's time. So an answer "yes,
 * and here is the file" ({@link Recordings#media}) is kept for {@code earmark.media.access-cache-ttl} (5 s by
 * default; 0 turns the cache off) per person, recording and file, and forgotten at once, for everyone, when anything
 * that could change it happens on this node: an assignment, role, account, enrolment, EQA grant, discussion or
 * recording changed ({@link #ACCESS_CHANGING}). A change made on another node reaches this node's cache only by
 * expiry, so it holds there within the TTL. Refusals are never remembered: each is checked and recorded again.
 */
@Component
public class MediaAccessDecisions {

    /**
     * The audit actions after which a remembered answer may be wrong: who may see whom (roles, accounts,
     * assignments, enrolments, EQA grants), what a discussion covers, and whether a recording's media is there.
     */
    static final Set<String> ACCESS_CHANGING = Set.of("roles-changed", "account-enabled", "account-disabled",
            "assigned", "unassigned", "learner-enrolled", "enrolment-withdrawn", "eqa-access-granted",
            "eqa-access-revoked", "discussion-corrected", "discussion-deleted", "recording-removed", "recording-ready",
            "recording-failed", "recording-media-deleted", "learner-closure-recorded", "learner-closure-cleared");

    private static final int MAX_ENTRIES = 50_000;

    private final Recordings recordings;
    private final RecordingOpenings openings;
    private final CurrentUser currentUser;
    private final Cache<Key, Media> allowed;
    /** Bumped on every invalidation: an answer looked up before one is not remembered after it. */
    private final AtomicLong generation = new AtomicLong();

    @Autowired
    MediaAccessDecisions(Recordings recordings, RecordingOpenings openings, CurrentUser currentUser,
            @Value("${earmark.media.access-cache-ttl:5s}") Duration ttl, Clock clock) {
        this(recordings, openings, currentUser, ttl, byApplicationClock(clock));
    }

    /**
     * Time as the application's clock tells it, moving as smoothly as the system's: access that ends by the clock (an
     * EQA grant's last day) is not remembered past it, also when the clock is moved on (tests), and a remembered
     * answer ages with the system's monotonic time otherwise.
     */
    static Ticker byApplicationClock(Clock clock) {
        return () -> System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(clock.millis() - System.currentTimeMillis());
    }

    MediaAccessDecisions(Recordings recordings, RecordingOpenings openings, CurrentUser currentUser, Duration ttl,
            Ticker ticker) {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("earmark.media.access-cache-ttl must be between 0 (no cache) and 1"
                    + " minute, not " + ttl);
        }
        this.recordings = recordings;
        this.openings = openings;
        this.currentUser = currentUser;
        this.allowed = ttl.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES)
                .ticker(ticker).build();
    }

    private record Key(long personId, long recordingId, MediaKind kind, Integer peaksLevel) {
    }

    /**
     * A recording's media file, if the signed-in person may see the discussion (see {@link Recordings#media}); the
     * answer is remembered for a few seconds, a refusal never.
     */
    public Optional<Media> media(long recordingId, MediaKind kind, Integer peaksLevel) {
        Optional<EarmarkPrincipal> viewer = currentUser.find();
        if (allowed == null || viewer.isEmpty()) {
            return recordings.media(recordingId, kind, peaksLevel);
        }
        Key key = new Key(viewer.get().userId(), recordingId, kind, peaksLevel);
        Media remembered = allowed.getIfPresent(key);
        if (remembered != null) {
            openings.mediaOpened(viewer.get().getUsername(), recordingId, kind);
            return Optional.of(remembered);
        }
        long before = generation.get();
        Optional<Media> found = recordings.media(recordingId, kind, peaksLevel);
        if (found.isPresent() && generation.get() == before) {
            allowed.put(key, found.get());
        }
        return found;
    }

    /** Forgets every remembered answer. */
    public void forgetAll() {
        generation.incrementAndGet();
        if (allowed != null) {
            allowed.invalidateAll();
        }
    }

    /** Forgets at once, when the change is made (a request in between is checked against the database again). */
    @EventListener
    void onAudited(AuditableEvent event) {
        if (ACCESS_CHANGING.contains(event.action())) {
            forgetAll();
        }
    }

    /**
     * And again once its transaction has ended: a request checked between the change and its commit still saw the
     * old state and may have remembered it.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION)
    void afterAudited(AuditableEvent event) {
        onAudited(event);
    }
}
