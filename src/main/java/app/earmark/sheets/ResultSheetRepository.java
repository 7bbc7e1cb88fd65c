package app.earmark.sheets;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ResultSheetRepository extends JpaRepository<ResultSheet, Long> {

    List<ResultSheet> findByLearnerIdAndUnitIdOrderByVersionNumberDesc(long learnerId, long unitId);

    List<ResultSheet> findByLearnerId(long learnerId);

    /** Signed versions by these signers (served by the index on the signer). */
    @Query("select new app.earmark.sheets.SignedSheetRef(s.id, s.learnerId, s.signedBy) from ResultSheet s"
            + " where s.signedBy in :signers and s.status = app.earmark.sheets.SheetStatus.SIGNED order by s.id")
    List<SignedSheetRef> findSignedBy(@Param("signers") Collection<String> signers);
}
