package app.earmark.sheets;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ResultSheetRepository extends JpaRepository<ResultSheet, Long> {

    List<ResultSheet> findByLearnerIdAndUnitIdOrderByVersionNumberDesc(long learnerId, long unitId);

    List<ResultSheet> findByLearnerId(long learnerId);
}
