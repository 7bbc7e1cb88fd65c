package app.earmark.review;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface QaReviewRepository extends JpaRepository<QaReview, Long> {

    @Query("select r from QaReview r join r.actions a where a.id = :actionId")
    Optional<QaReview> findByActionId(@Param("actionId") long actionId);

    Optional<QaReview> findBySheetId(long sheetId);

    List<QaReview> findByLearnerIdAndUnitIdOrderBySheetVersionDescIdDesc(long learnerId, long unitId);

    List<QaReview> findByLearnerIdOrderByOpenedAtAscIdAsc(long learnerId);

    List<QaReview> findByAssessorAndStatusOrderByDecidedAtAscIdAsc(String assessor, ReviewStatus status);
}
