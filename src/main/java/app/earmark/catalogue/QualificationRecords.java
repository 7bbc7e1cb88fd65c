package app.earmark.catalogue;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface QualificationRecords extends ListCrudRepository<QualificationRecord, Long> {

    Optional<QualificationRecord> findByCodeAndVersion(String code, int version);

    @Query("select q from QualificationRecord q where q.version = (select max(v.version) from QualificationRecord v"
            + " where v.code = q.code) order by q.code")
    List<QualificationRecord> findLatestVersions();
}
