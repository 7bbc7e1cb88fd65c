package app.earmark.sheets;

import app.earmark.base.Hashing;
import app.earmark.discussions.ChapteredCopies;
import app.earmark.discussions.Discussions;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.sheets.EvidenceEvents.EvidenceAttached;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The files attached to the evidence record: the PDF of every signed result sheet version (attached as it is
 * signed), AC map exports an assessor attaches to a discussion, and each copy of a recording with the AC map as
 * embedded chapters (attached when it is first made). Each file is stored once by its SHA-256 ({@link EvidenceFiles};
 * recording copies stay in the media store beside their recording), listed with its hash and size, audited as it is
 * attached, and checked against its hash whenever it is read. Anyone who may see the discussion or sheet may list
 * and read its attachments; only an assessor of the learner attaches AC maps.
 */
@Service
@Transactional(readOnly = true)
public class Evidence {

    private final EvidenceAttachmentRepository attachments;
    private final EvidenceFiles files;
    private final SheetExports exports;
    private final ResultSheets sheets;
    private final Discussions discussions;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Evidence(EvidenceAttachmentRepository attachments, EvidenceFiles files, SheetExports exports, ResultSheets sheets,
            Discussions discussions, CurrentUser currentUser, AccessGuard guard, ApplicationEventPublisher events,
            Clock clock, TransactionTemplate transactions) {
        this.attachments = attachments;
        this.files = files;
        this.exports = exports;
        this.sheets = sheets;
        this.discussions = discussions;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Attaches the discussion's AC map, as it is now, in a format (an assessor of the learner). The same map attached
     * again (the same bytes) is not attached twice: the earlier attachment is returned.
     *
     * @param recordingId only this recording's tags (required for WebVTT when there are several recordings)
     */
    @Transactional
    public EvidenceView attachAcMap(long discussionId, Long recordingId, AcMapFormat format) {
        discussions.requireMayRecord(discussionId);
        Export export = exports.acMap(discussionId, recordingId, format);
        EvidenceKind kind = EvidenceKind.of(format);
        return attachments.findFirstByDiscussionIdAndKindAndSha256(discussionId, kind,
                Hashing.sha256Hex(export.content())).map(EvidenceAttachment::view)
                .orElseGet(() -> attach(discussionId, null, kind, export));
    }

    /** Attaches the PDF of a sheet version; done when it is signed ({@link SignedSheetEvidence}). */
    @Transactional
    EvidenceView attachSheetPdf(long sheetId) {
        return attach(null, sheetId, EvidenceKind.SHEET_PDF, exports.sheetPdf(sheets.get(sheetId)));
    }

    /**
     * The recording with the discussion's AC map as embedded chapters ({@link SheetExports#chapteredCopy}), attached
     * to the discussion's evidence record the first time it is made for these tags, by whoever asked for it (anyone
     * who may see the discussion). Runs outside a transaction: making a copy of an hour takes seconds.
     *
     * @param recordingId required when the discussion has several recordings
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public EvidenceView chapteredCopy(long discussionId, Long recordingId) {
        ChapteredCopies.ChapteredCopy copy = exports.chapteredCopy(discussionId, recordingId);
        // The attachment and its audit entry commit together.
        return transactions.execute(status -> attachments.findFirstByDiscussionIdAndKindAndSha256(discussionId,
                EvidenceKind.CHAPTERED_RECORDING, copy.sha256()).map(EvidenceAttachment::view).orElseGet(() -> record(
                        new EvidenceAttachment(discussionId, null, copy.recordingId(), EvidenceKind.CHAPTERED_RECORDING,
                                copy.fileName(), copy.mediaType(), copy.sha256(), copy.size(),
                                currentUser.actorName(), now()))));
    }

    /** The files attached to a discussion, oldest first. */
    public List<EvidenceView> forDiscussion(long discussionId) {
        discussions.get(discussionId);
        return attachments.findByDiscussionIdOrderByCreatedAtAscIdAsc(discussionId).stream()
                .map(EvidenceAttachment::view).toList();
    }

    /** The files attached to a result sheet version (its signed PDF), oldest first. */
    public List<EvidenceView> forSheet(long sheetId) {
        sheets.get(sheetId);
        return attachments.findBySheetIdOrderByCreatedAtAscIdAsc(sheetId).stream().map(EvidenceAttachment::view)
                .toList();
    }

    /**
     * An attached file, checked against its SHA-256.
     *
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see what it is attached to
     *         (also for an id that does not exist)
     */
    public Export open(long attachmentId) {
        EvidenceView view = get(attachmentId);
        if (view.mediaPath(false).isPresent()) {
            throw new ExportException("Evidence attachment " + attachmentId + " is a recording: it streams from "
                    + view.mediaPath(false).get() + ".");
        }
        return new Export(view.fileName(), view.mediaType(), files.get(view.sha256()));
    }

    /**
     * An attachment's description.
     *
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see what it is attached to
     *         (also for an id that does not exist)
     */
    public EvidenceView get(long attachmentId) {
        EvidenceAttachment attachment = attachments.findById(attachmentId).orElseThrow(() -> guard.refuse(
                "evidence:" + attachmentId, "You may not see evidence attachment " + attachmentId + "."));
        if (attachment.sheetId() != null) {
            sheets.get(attachment.sheetId());
        } else {
            discussions.get(attachment.discussionId());
        }
        return attachment.view();
    }

    private EvidenceView attach(Long discussionId, Long sheetId, EvidenceKind kind, Export export) {
        String sha = files.put(export.content());
        return record(new EvidenceAttachment(discussionId, sheetId, null, kind, export.fileName(), export.mediaType(),
                sha, export.content().length, currentUser.actorName(), now()));
    }

    private EvidenceView record(EvidenceAttachment attachment) {
        EvidenceView view = attachments.saveAndFlush(attachment).view();
        events.publishEvent(new EvidenceAttached(view.createdBy(), view.id(), view.discussionId(), view.sheetId(),
                view.kind(), view.fileName(), view.sha256(), view.size()));
        return view;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
