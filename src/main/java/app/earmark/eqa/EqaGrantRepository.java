package app.earmark.eqa;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

interface EqaGrantRepository extends ListCrudRepository<EqaGrant, Long> {

    List<EqaGrant> findByEqaIdAndRevokedAtIsNull(long eqaId);

    List<EqaGrant> findByEqaIdOrderByGrantedAtDesc(long eqaId);

    List<EqaGrant> findByCentreIdOrderByGrantedAtDesc(long centreId);
}
