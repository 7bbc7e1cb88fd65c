package app.earmark.audit;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AuditRepository extends JpaRepository<AuditEntry, Long> {

    @Query("""
            select e from AuditEntry e
            where (:text = '' or lower(e.actor) like :text or lower(e.action) like :text
                   or lower(e.subject) like :text or lower(e.details) like :text)
            order by e.seq desc""")
    List<AuditEntry> search(@Param("text") String likeText, Pageable page);

    @Query("select count(e) from AuditEntry e where (:text = '' or lower(e.actor) like :text or lower(e.action) like :text"
            + " or lower(e.subject) like :text or lower(e.details) like :text)")
    long countMatching(@Param("text") String likeText);

    @Query("select e from AuditEntry e order by e.seq")
    Stream<AuditEntry> streamInOrder();

    @Query("select e from AuditEntry e where e.seq > :after and e.seq <= :upTo order by e.seq")
    Stream<AuditEntry> streamAfter(@Param("after") long after, @Param("upTo") long upTo);

    List<AuditEntry> findBySubjectInOrderBySeq(java.util.Collection<String> subjects);
}
