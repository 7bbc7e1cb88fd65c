package app.earmark.notes;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface NotesAuthentications extends JpaRepository<NotesAuthentication, Long> {

    List<NotesAuthentication> findByDiscussionIdOrderByAuthenticatedAtDescIdDesc(long discussionId);

    List<NotesAuthentication> findByDiscussionIdAndVoidedAtIsNull(long discussionId);

    List<NotesAuthentication> findByLearnerIdOrderByIdAsc(long learnerId);
}

interface NotesDisputes extends JpaRepository<NotesDispute, Long> {

    List<NotesDispute> findByDiscussionIdOrderByDisputedAtAscIdAsc(long discussionId);

    List<NotesDispute> findByLearnerIdOrderByIdAsc(long learnerId);
}
