package app.earmark.catalogue;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UnitRecords extends ListCrudRepository<UnitRecord, Long> {

    Optional<UnitRecord> findByCodeAndVersion(String code, int version);

    List<UnitRecord> findByCodeOrderByVersionDesc(String code);

    @Query("select u from UnitRecord u where u.version = (select max(v.version) from UnitRecord v where v.code = u.code)"
            + " order by u.code")
    List<UnitRecord> findLatestVersions();
}
