package app.earmark.audit;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface AuditChainHeads extends Repository<AuditChainHead, Integer> {

    /** The head row, locked until the appending transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from AuditChainHead h where h.id = " + AuditChainHead.ID)
    AuditChainHead lockHead();

    @Query("select h from AuditChainHead h where h.id = " + AuditChainHead.ID)
    AuditChainHead head();
}
