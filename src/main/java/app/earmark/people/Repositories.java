package app.earmark.people;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

interface Centres extends ListCrudRepository<Centre, Long> {

    Optional<Centre> findByNumber(String number);
}

interface Persons extends ListCrudRepository<Person, Long> {

    Optional<Person> findByUsername(String username);

    @Query("select p from Person p where p.centre.id = :centreId order by p.displayName")
    List<Person> findByCentre(@Param("centreId") long centreId);

    @Query("select p from Person p join p.roles r where p.centre.id = :centreId and r = :role order by p.displayName")
    List<Person> findByCentreAndRole(@Param("centreId") long centreId, @Param("role") app.earmark.security.Role role);

    @Query("select count(p) from Person p join p.roles r where p.centre.id = :centreId and r = :role and p.enabled")
    long countEnabledWithRole(@Param("centreId") long centreId, @Param("role") app.earmark.security.Role role);

    List<Person> findByIdIn(Collection<Long> ids);

    boolean existsByRolesContaining(app.earmark.security.Role role);
}

interface Enrolments extends ListCrudRepository<Enrolment, Long> {

    List<Enrolment> findByLearnerIdOrderByEnrolledOn(long learnerId);

    List<Enrolment> findByLearnerIdIn(Collection<Long> learnerIds);

    boolean existsByLearnerIdAndQualificationCode(long learnerId, String qualificationCode);
}

interface PersonLinks extends ListCrudRepository<PersonLink, PersonLink.Key> {

    List<PersonLink> findByKindAndFromId(Relationship kind, long fromId);

    List<PersonLink> findByKindAndFromIdIn(Relationship kind, Collection<Long> fromIds);

    List<PersonLink> findByKindAndToIdIn(Relationship kind, Collection<Long> toIds);

    List<PersonLink> findByKind(Relationship kind);

    boolean existsByKindAndFromIdAndToId(Relationship kind, long fromId, long toId);
}
