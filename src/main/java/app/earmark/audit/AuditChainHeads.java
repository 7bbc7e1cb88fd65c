package app.earmark.audit;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Reads the chain's head for the check; appending locks it through the entity manager (see {@code AuditLog}). */
interface AuditChainHeads extends Repository<AuditChainHead, Integer> {

    @Query("select h from AuditChainHead h where h.id = " + AuditChainHead.ID)
    AuditChainHead head();
}
