package app.earmark.people;

import app.earmark.people.PeopleEvents.PersonCreated;
import app.earmark.security.Role;
import java.time.Clock;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The one way an account comes into being: the password hashed, the person stored, the creation
 * recorded. Callers check their own rules first (an administrator's password policy, the first-run
 * settings, the demo centre).
 */
@Component
class NewAccounts {

    private final Persons persons;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NewAccounts(Persons persons, PasswordEncoder passwordEncoder, ApplicationEventPublisher events, Clock clock) {
        this.persons = persons;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
    }

    Person create(Centre centre, String username, String displayName, String password, Set<Role> roles,
            String actor) {
        Person person = persons.save(new Person(centre, username, displayName, passwordEncoder.encode(password), roles,
                clock.instant()));
        events.publishEvent(new PersonCreated(actor, username, roles));
        return person;
    }
}
