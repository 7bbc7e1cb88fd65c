package app.earmark.people;

import app.earmark.catalogue.Catalogue;
import app.earmark.people.PeopleEvents.AccountStatusChanged;
import app.earmark.people.PeopleEvents.AssignmentChanged;
import app.earmark.people.PeopleEvents.EnrolmentWithdrawn;
import app.earmark.people.PeopleEvents.LearnerEnrolled;
import app.earmark.people.PeopleEvents.PasswordReset;
import app.earmark.people.PeopleEvents.RolesChanged;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a centre administrator does with people: accounts and roles, enrolments, assignments and EQA
 * access. Every method refuses anyone but an administrator, and works only within their own centre.
 * Every change is published as an event and so lands in the audit trail.
 */
@Service
@RolesAllowed(Role.Name.ADMIN)
@Transactional
public class PeopleAdmin {

    static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,49}");
    private static final Pattern REGISTRATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 /._-]{0,39}");

    private final Persons persons;
    private final Centres centres;
    private final Enrolments enrolments;
    private final PersonLinks links;
    private final Catalogue catalogue;
    private final CurrentUser currentUser;
    private final PasswordEncoder passwordEncoder;
    private final NewAccounts newAccounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PeopleAdmin(Persons persons, Centres centres, Enrolments enrolments, PersonLinks links, Catalogue catalogue,
            CurrentUser currentUser, PasswordEncoder passwordEncoder, NewAccounts newAccounts,
            ApplicationEventPublisher events, Clock clock) {
        this.persons = persons;
        this.centres = centres;
        this.enrolments = enrolments;
        this.links = links;
        this.catalogue = catalogue;
        this.currentUser = currentUser;
        this.passwordEncoder = passwordEncoder;
        this.newAccounts = newAccounts;
        this.events = events;
        this.clock = clock;
    }

    /** A row of the people list. */
    public record PersonRow(long id, String username, String displayName, Set<Role> roles, boolean enabled) {
    }

    /** An enrolment as the administrator manages it. */
    public record EnrolmentRow(long id, PersonRef learner, String qualificationCode, String registrationNumber,
            LocalDate enrolledOn) {
    }

    /** A link between two people as the administrator manages it. */
    public record LinkRow(PersonRef from, PersonRef to) {
    }

    @Transactional(readOnly = true)
    public List<PersonRow> people() {
        return persons.findByCentre(admin().centreId()).stream()
                .map(p -> new PersonRow(p.id(), p.username(), p.displayName(), p.roles(), p.enabled())).toList();
    }

    @Transactional(readOnly = true)
    public List<PersonRef> peopleWithRole(Role role) {
        return persons.findByCentreAndRole(admin().centreId(), role).stream().map(Person::ref).toList();
    }

    public PersonRef createPerson(String username, String displayName, String password, Set<Role> roles) {
        EarmarkPrincipal admin = admin();
        String name = username == null ? "" : username.trim();
        if (!USERNAME.matcher(name).matches()) {
            throw new PeopleException("A username is 2 to 50 lower-case letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit.");
        }
        if (persons.findByUsername(name).isPresent()) {
            throw new PeopleException("The username " + name + " is taken.");
        }
        String shownName = requireDisplayName(displayName);
        requireRoles(roles);
        requirePassword(password);
        Centre centre = centres.findById(admin.centreId()).orElseThrow();
        return newAccounts.create(centre, name, shownName, password, roles, admin.getUsername()).ref();
    }

    public void changeRoles(long personId, Set<Role> roles) {
        EarmarkPrincipal admin = admin();
        Person person = inCentre(personId);
        requireRoles(roles);
        Set<Role> before = person.roles();
        if (before.equals(roles)) {
            return;
        }
        if (before.contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            if (person.id() == admin.userId()) {
                throw new PeopleException("You cannot remove your own administrator role; ask another administrator.");
            }
            requireAnotherAdmin(person);
        }
        person.changeRoles(roles);
        events.publishEvent(new RolesChanged(admin.getUsername(), person.username(), before, roles));
    }

    public void setEnabled(long personId, boolean enabled) {
        EarmarkPrincipal admin = admin();
        Person person = inCentre(personId);
        if (person.enabled() == enabled) {
            return;
        }
        if (!enabled && person.id() == admin.userId()) {
            throw new PeopleException("You cannot disable your own account.");
        }
        if (!enabled && person.hasRole(Role.ADMIN)) {
            requireAnotherAdmin(person);
        }
        person.setEnabled(enabled);
        events.publishEvent(new AccountStatusChanged(admin.getUsername(), person.username(), enabled));
    }

    public void resetPassword(long personId, String newPassword) {
        EarmarkPrincipal admin = admin();
        Person person = inCentre(personId);
        requirePassword(newPassword);
        person.changePasswordHash(passwordEncoder.encode(newPassword));
        events.publishEvent(new PasswordReset(admin.getUsername(), person.username()));
    }

    @Transactional(readOnly = true)
    public List<EnrolmentRow> enrolments() {
        Map<Long, Person> learners = persons.findByCentreAndRole(admin().centreId(), Role.LEARNER).stream()
                .collect(Collectors.toMap(Person::id, p -> p));
        return enrolments.findByLearnerIdIn(learners.keySet()).stream()
                .map(e -> new EnrolmentRow(e.id(), learners.get(e.learnerId()).ref(), e.qualificationCode(),
                        e.registrationNumber(), e.enrolledOn()))
                .sorted(Comparator.comparing((EnrolmentRow r) -> r.learner().displayName())
                        .thenComparing(EnrolmentRow::qualificationCode))
                .toList();
    }

    public void enrol(long learnerId, String qualificationCode, String registrationNumber, LocalDate enrolledOn) {
        EarmarkPrincipal admin = admin();
        Person learner = withRole(learnerId, Role.LEARNER, "Only a learner can be enrolled");
        if (qualificationCode == null || catalogue.qualification(qualificationCode).isEmpty()) {
            throw new PeopleException("There is no qualification " + qualificationCode + " in the catalogue.");
        }
        String registration = registrationNumber == null ? "" : registrationNumber.trim();
        if (!REGISTRATION.matcher(registration).matches()) {
            throw new PeopleException("A learner registration number is 1 to 40 letters, digits, spaces or / . _ -.");
        }
        if (enrolledOn == null) {
            throw new PeopleException("Give the date of enrolment.");
        }
        if (enrolments.existsByLearnerIdAndQualificationCode(learnerId, qualificationCode)) {
            throw new PeopleException(learner.displayName() + " is already enrolled on " + qualificationCode + ".");
        }
        enrolments.save(new Enrolment(learnerId, qualificationCode, registration, enrolledOn));
        events.publishEvent(new LearnerEnrolled(admin.getUsername(), learner.username(), qualificationCode,
                registration));
    }

    public void withdrawEnrolment(long enrolmentId) {
        EarmarkPrincipal admin = admin();
        Enrolment enrolment = enrolments.findById(enrolmentId)
                .orElseThrow(() -> new PeopleException("There is no enrolment " + enrolmentId + "."));
        Person learner = inCentre(enrolment.learnerId());
        enrolments.delete(enrolment);
        events.publishEvent(new EnrolmentWithdrawn(admin.getUsername(), learner.username(),
                enrolment.qualificationCode()));
    }

    @Transactional(readOnly = true)
    public List<LinkRow> links(Relationship kind) {
        Map<Long, PersonRef> people = persons.findByCentre(admin().centreId()).stream()
                .collect(Collectors.toMap(Person::id, Person::ref));
        return links.findByKind(kind).stream()
                .filter(l -> people.containsKey(l.fromId()) && people.containsKey(l.toId()))
                .map(l -> new LinkRow(people.get(l.fromId()), people.get(l.toId())))
                .sorted(Comparator.comparing((LinkRow r) -> r.from().displayName())
                        .thenComparing(r -> r.to().displayName()))
                .toList();
    }

    /**
     * Assign an assessor to a learner or an IQA to an assessor. (An EQA's access is no longer a link: it is granted for
     * a limited time by the EQA grants; {@link Relationship#EQA_ACCESS} is refused.)
     */
    public void link(Relationship kind, long fromId, long toId) {
        EarmarkPrincipal admin = admin();
        if (kind == Relationship.EQA_ACCESS) {
            throw new PeopleException("An external quality assurer is given access by an EQA grant, for a limited"
                    + " time, on the EQA grants page.");
        }
        Person from = withRole(fromId, kind.fromRole(), "Only someone with the role " + kind.fromRole().label()
                + " can be linked this way");
        Person to = withRole(toId, kind.toRole(), "Only someone with the role " + kind.toRole().label()
                + " can be linked this way");
        if (fromId == toId) {
            throw new PeopleException(from.displayName() + " cannot be linked to themselves: an IQA may not "
                    + "quality-assure their own assessment decisions.");
        }
        if (links.existsByKindAndFromIdAndToId(kind, fromId, toId)) {
            throw new PeopleException(from.displayName() + " already " + kind.phrase() + " " + to.displayName() + ".");
        }
        links.save(new PersonLink(kind, fromId, toId, clock.instant()));
        events.publishEvent(new AssignmentChanged(admin.getUsername(), kind.phrase(), from.username(), to.username(),
                true));
    }

    public void unlink(Relationship kind, long fromId, long toId) {
        EarmarkPrincipal admin = admin();
        Person from = inCentre(fromId);
        Person to = inCentre(toId);
        var key = new PersonLink.Key(kind, fromId, toId);
        if (!links.existsById(key)) {
            return;
        }
        links.deleteById(key);
        events.publishEvent(new AssignmentChanged(admin.getUsername(), kind.phrase(), from.username(), to.username(),
                false));
    }

    /** The language tag the centre's dates and times are shown in ("en-GB"); empty for the browser's. */
    @Transactional(readOnly = true)
    public String centreLocale() {
        String tag = centres.findById(admin().centreId()).orElseThrow().locale();
        return tag == null ? "" : tag;
    }

    /**
     * Sets the locale the centre's dates and times are shown in (a language tag such as "en-GB"); blank for each
     * browser's own. Applies to pages opened from then on.
     */
    public void changeCentreLocale(String tag) {
        Centre centre = centres.findById(admin().centreId()).orElseThrow();
        String wanted = tag == null || tag.isBlank() ? null : tag.strip();
        if (wanted != null) {
            wanted = app.earmark.base.DisplayFormats.parseTag(wanted).map(java.util.Locale::toLanguageTag)
                    .orElseThrow(() -> new PeopleException("'" + tag.strip() + "' is not a locale Earmark knows: give a"
                            + " language tag such as en-GB (dates 13/12/2026, times 14:30), or leave it empty to use"
                            + " each browser's own."));
        }
        String before = centre.locale();
        if (java.util.Objects.equals(before, wanted)) {
            return;
        }
        centre.changeLocale(wanted);
        events.publishEvent(new PeopleEvents.CentreLocaleChanged(admin().getUsername(), centre.number(), before,
                wanted));
    }

    private EarmarkPrincipal admin() {
        return currentUser.require();
    }

    private Person inCentre(long personId) {
        return persons.findById(personId).filter(p -> p.centreId() == admin().centreId())
                .orElseThrow(() -> new PeopleException("There is no person " + personId + " in your centre."));
    }

    private Person withRole(long personId, Role role, String refusal) {
        Person person = inCentre(personId);
        if (!person.hasRole(role)) {
            throw new PeopleException(refusal + "; " + person.displayName() + " is not a " + role.label().toLowerCase()
                    + ".");
        }
        return person;
    }

    private void requireAnotherAdmin(Person person) {
        if (person.enabled() && persons.countEnabledWithRole(person.centreId(), Role.ADMIN) <= 1) {
            throw new PeopleException(person.displayName() + " is the centre's only administrator; make someone else "
                    + "an administrator first.");
        }
    }

    private static String requireDisplayName(String displayName) {
        String name = displayName == null ? "" : displayName.trim();
        if (name.isEmpty() || name.length() > 200) {
            throw new PeopleException("Give the person's name (at most 200 characters).");
        }
        return name;
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new PeopleException("Give the person at least one role.");
        }
        if (roles.contains(Role.LEARNER) && !EnumSet.of(Role.LEARNER).containsAll(roles)) {
            throw new PeopleException("A learner cannot also hold a staff role: learners must never see other "
                    + "learners' evidence.");
        }
    }

    private static void requirePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new PeopleException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.length() > 72) {
            throw new PeopleException("A password may have at most 72 characters.");
        }
    }
}
