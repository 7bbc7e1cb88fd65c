package app.earmark.sheets;

import app.earmark.discussions.Discussions;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.sheets.EvidenceEvents.EvidenceAttached;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The files attached to the evidence record: the PDF of every signed result sheet version (attached as it is
 * signed), and AC map exports an assessor attaches to a discussion. Each file is stored once by its SHA-256
 * ({@link EvidenceFiles}), listed with its hash and size, audited as it is attached, and checked against its hash
 * whenever it is read. Anyone who may see the discussion or sheet may list and read its attachments; only an
 * assessor of the learner attaches.
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

    Evidence(EvidenceAttachmentRepository attachments, EvidenceFiles files, SheetExports exports, ResultSheets sheets,
            Discussions discussions, CurrentUser currentUser, AccessGuard guard, ApplicationEventPublisher events,
            Clock clock) {
        this.attachments = attachments;
        this.files = files;
        this.exports = exports;
        this.sheets = sheets;
        this.discussions = discussions;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Attaches the discussion's AC map, as it is now, in a format (an assessor of the learner).
     *
     * @param recordingId only this recording's tags (required for WebVTT when there are several recordings)
     */
    @Transactional
    public EvidenceView attachAcMap(long discussionId, Long recordingId, AcMapFormat format) {
        discussions.requireMayRecord(discussionId);
        return attach(discussionId, null, EvidenceKind.of(format), exports.acMap(discussionId, recordingId, format));
    }

    /** Attaches the PDF of a sheet version; done when it is signed ({@link SignedSheetEvidence}). */
    @Transactional
    EvidenceView attachSheetPdf(long sheetId) {
        return attach(null, sheetId, EvidenceKind.SHEET_PDF, exports.sheetPdf(sheets.get(sheetId)));
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
        EvidenceAttachment attachment = attachments.findById(attachmentId).orElseThrow(() -> guard.refuse(
                "evidence:" + attachmentId, "You may not see evidence attachment " + attachmentId + "."));
        if (attachment.sheetId() != null) {
            sheets.get(attachment.sheetId());
        } else {
            discussions.get(attachment.discussionId());
        }
        EvidenceView view = attachment.view();
        return new Export(view.fileName(), view.mediaType(), files.get(attachment.sha256()));
    }

    private EvidenceView attach(Long discussionId, Long sheetId, EvidenceKind kind, Export export) {
        String sha = files.put(export.content());
        String actor = currentUser.actorName();
        EvidenceView view = attachments.saveAndFlush(new EvidenceAttachment(discussionId, sheetId, kind,
                export.fileName(), export.mediaType(), sha, export.content().length, actor,
                clock.instant().truncatedTo(ChronoUnit.MICROS))).view();
        events.publishEvent(new EvidenceAttached(actor, view.id(), discussionId, sheetId, kind, view.fileName(), sha,
                view.size()));
        return view;
    }
}
