package app.earmark.workspace;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface TagRepository extends JpaRepository<Tag, Long> {

    List<Tag> findByRecordingIdOrderByStartMsAscIdAsc(long recordingId);

    List<Tag> findByDiscussionIdOrderByStartMsAscIdAsc(long discussionId);
}
