package app.earmark.sheets;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface EvidenceAttachmentRepository extends JpaRepository<EvidenceAttachment, Long> {

    List<EvidenceAttachment> findByDiscussionIdOrderByCreatedAtAscIdAsc(long discussionId);

    List<EvidenceAttachment> findBySheetIdOrderByCreatedAtAscIdAsc(long sheetId);
}
