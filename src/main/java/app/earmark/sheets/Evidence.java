package app.earmark.sheets;

import app.earmark.recordings.ChapteredCopies;
import app.earmark.discussions.Discussions;
import app.earmark.security.AccessGuard;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.CurrentUser;
import app.earmark.sheets.EvidenceEvents.EvidenceAttached;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The files attached to the evidence record: the PDF of every signed result sheet version (attached as it is
 * signed), and the AC map exports and copies of a recording with the AC map as embedded chapters that an assessor
 * attaches to a discussion (reading or downloading them attaches nothing). Each file is stored once by its SHA-256 ({@link EvidenceFiles};
 * recording copies stay in the media store beside their recording), listed with its hash and size, audited as it is
 * attached, and checked against its hash whenever it is read. Anyone who may see the discussion or sheet may list
 * and read its attachments; only an assessor of the learner attaches AC maps and chaptered copies.
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
    private final AcMaps maps;

    Evidence(EvidenceAttachmentRepository attachments, EvidenceFiles files, SheetExports exports, ResultSheets sheets,
            Discussions discussions, CurrentUser currentUser, AccessGuard guard, ApplicationEventPublisher events,
            Clock clock, TransactionTemplate transactions, AcMaps maps) {
        this.maps = maps;
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
        return attachOnce(discussionId, null, EvidenceKind.of(format), export.fileName(), export.mediaType(),
                files.put(export.content()), export.content().length);
    }

    /**
     * Attaches the discussion's AC map as it is now in every format: WebVTT chapters for each recording with tags,
     * CSV and JSON ({@link #attachAcMap}).
     */
    @Transactional
    public List<EvidenceView> attachAcMaps(long discussionId) {
        AcMap map = maps.of(discussionId);
        List<EvidenceView> attached = new ArrayList<>();
        map.recordings().stream().filter(r -> !map.entries(r.id()).isEmpty())
                .forEach(r -> attached.add(attachAcMap(discussionId, r.id(), AcMapFormat.VTT)));
        attached.add(attachAcMap(discussionId, null, AcMapFormat.CSV));
        attached.add(attachAcMap(discussionId, null, AcMapFormat.JSON));
        return attached;
    }

    /** Attaches the PDF of a sheet version; done when it is signed ({@link SignedSheetEvidence}). */
    @Transactional
    EvidenceView attachSheetPdf(long sheetId) {
        Export pdf = exports.sheetPdf(sheets.get(sheetId));
        return record(new EvidenceAttachment(null, sheetId, null, EvidenceKind.SHEET_PDF, pdf.fileName(),
                pdf.mediaType(), files.put(pdf.content()), pdf.content().length, currentUser.actorName(), now()));
    }

    /**
     * Attaches the recording with the discussion's AC map as embedded chapters ({@link SheetExports#chapteredCopy}) to
     * the discussion's evidence record: an assessor of the learner's explicit act, never a side effect of reading the
     * copy. The same copy (the same tags) is attached once. Makes the copy outside a transaction: an hour takes
     * seconds.
     *
     * @param recordingId required when the discussion has several recordings
     * @throws app.earmark.security.AccessRefusedException unless the signed-in person assesses the learner
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public EvidenceView attachChapteredCopy(long discussionId, Long recordingId) {
        discussions.requireMayRecord(discussionId);
        ChapteredCopies.ChapteredCopy copy = exports.chapteredCopy(discussionId, recordingId);
        // The attachment and its audit entry commit together.
        return transactions.execute(status -> attachOnce(discussionId, copy.recordingId(),
                EvidenceKind.CHAPTERED_RECORDING, copy.fileName(), copy.mediaType(), copy.sha256(), copy.size()));
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
        String refusal = "You may not see evidence attachment " + attachmentId + ".";
        EvidenceAttachment attachment = attachments.findById(attachmentId)
                .orElseThrow(() -> guard.refuse("evidence:" + attachmentId, refusal));
        try {
            if (attachment.sheetId() != null) {
                sheets.get(attachment.sheetId());
            } else {
                discussions.get(attachment.discussionId());
            }
        } catch (AccessRefusedException e) {
            // The same refusal as for an id that does not exist, naming nothing it is attached to.
            throw guard.refuse("evidence:" + attachmentId, refusal);
        }
        return attachment.view();
    }

    /** Attaches a file to a discussion, unless the same bytes of that kind are attached already. */
    private EvidenceView attachOnce(long discussionId, Long recordingId, EvidenceKind kind, String fileName,
            String mediaType, String sha256, long size) {
        return attachments.findFirstByDiscussionIdAndKindAndSha256(discussionId, kind, sha256)
                .map(EvidenceAttachment::view)
                .orElseGet(() -> record(new EvidenceAttachment(discussionId, null, recordingId, kind, fileName,
                        mediaType, sha256, size, currentUser.actorName(), now())));
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
