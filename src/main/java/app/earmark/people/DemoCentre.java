package app.earmark.people;

import app.earmark.base.AuditableEvent;
import app.earmark.base.EarmarkProperties;
import app.earmark.catalogue.CatalogueReady;
import app.earmark.people.PeopleEvents.AssignmentChanged;
import app.earmark.people.PeopleEvents.LearnerEnrolled;
import app.earmark.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * With {@code earmark.demo=true} (the README's run command), creates a demo centre with one account per
 * role, all with password {@value #PASSWORD}: {@code learner} and {@code learner2} enrolled and assigned
 * to {@code assessor}, and {@code iqa} quality-assuring {@code assessor}. Missing accounts are added;
 * existing ones are left alone. Never runs on a production start (the flag is off by default).
 */
@Component
class DemoCentre {

    static final String PASSWORD = "demo";
    static final String CENTRE_NUMBER = "DEMO-001";
    private static final Logger log = LoggerFactory.getLogger(DemoCentre.class);

    private final EarmarkProperties properties;
    private final Centres centres;
    private final Persons persons;
    private final Enrolments enrolments;
    private final PersonLinks links;
    private final NewAccounts newAccounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DemoCentre(EarmarkProperties properties, Centres centres, Persons persons, Enrolments enrolments,
            PersonLinks links, NewAccounts newAccounts, ApplicationEventPublisher events, Clock clock) {
        this.properties = properties;
        this.centres = centres;
        this.persons = persons;
        this.enrolments = enrolments;
        this.links = links;
        this.newAccounts = newAccounts;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    void create(CatalogueReady ready) {
        if (!properties.demo()) {
            return;
        }
        Centre centre = centres.findByNumber(CENTRE_NUMBER)
                .orElseGet(() -> centres.save(new Centre(CENTRE_NUMBER, "Earmark Demo Centre")));
        person(centre, "admin", "Avery Admin", Role.ADMIN);
        Person assessor = person(centre, "assessor", "Sam Assessor", Role.ASSESSOR);
        person(centre, "assessor2", "Robin Second-Assessor", Role.ASSESSOR);
        Person learner = person(centre, "learner", "Lee Learner", Role.LEARNER);
        Person learner2 = person(centre, "learner2", "Kim Learner", Role.LEARNER);
        Person iqa = person(centre, "iqa", "Ingrid IQA", Role.IQA);
        person(centre, "eqa", "Evan EQA", Role.EQA);

        enrol(learner, "8587", "ILM-DEMO-0001");
        enrol(learner2, "8580", "ILM-DEMO-0002");
        link(Relationship.ASSESSES, assessor, learner);
        link(Relationship.ASSESSES, assessor, learner2);
        link(Relationship.QUALITY_ASSURES, iqa, assessor);
        log.warn("Demo data is on: demo accounts (admin, assessor, assessor2, learner, learner2, iqa, eqa) have the "
                + "password '{}'. Never run a real centre with earmark.demo=true.", PASSWORD);
    }

    private Person person(Centre centre, String username, String name, Role role) {
        return persons.findByUsername(username).orElseGet(() -> newAccounts.create(centre, username, name, PASSWORD,
                Set.of(role), AuditableEvent.SYSTEM));
    }

    private void enrol(Person learner, String qualification, String registration) {
        if (!enrolments.existsByLearnerIdAndQualificationCode(learner.id(), qualification)) {
            enrolments.save(new Enrolment(learner.id(), qualification, registration, LocalDate.now(clock)));
            events.publishEvent(new LearnerEnrolled(AuditableEvent.SYSTEM, learner.username(), qualification,
                    registration));
        }
    }

    private void link(Relationship kind, Person from, Person to) {
        if (!links.existsByKindAndFromIdAndToId(kind, from.id(), to.id())) {
            links.save(new PersonLink(kind, from.id(), to.id(), clock.instant()));
            events.publishEvent(new AssignmentChanged(AuditableEvent.SYSTEM, kind.phrase(), from.username(),
                    to.username(), true));
        }
    }
}
