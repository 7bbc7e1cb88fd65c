package app.earmark.sheets;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface EvidenceAttachmentRepository extends JpaRepository<EvidenceAttachment, Long> {

    List<EvidenceAttachment> findByDiscussionIdOrderByCreatedAtAscIdAsc(long discussionId);

    List<EvidenceAttachment> findBySheetIdOrderByCreatedAtAscIdAsc(long sheetId);

    Optional<EvidenceAttachment> findFirstByDiscussionIdAndKindAndSha256(long discussionId, EvidenceKind kind,
            String sha256);
}
