package app.earmark.people;

import app.earmark.security.EarmarkPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring Security reads accounts from here. Also re-hashes a password on sign-in when the hashing
 * algorithm or its strength has been raised since it was stored.
 */
@Service
class AccountDetails implements UserDetailsService, UserDetailsPasswordService {

    private final Persons persons;

    AccountDetails(Persons persons) {
        this.persons = persons;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return persons.findByUsername(username).map(AccountDetails::principal)
                .orElseThrow(() -> new UsernameNotFoundException("No account " + username));
    }

    @Override
    @Transactional
    public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
        Person person = persons.findByUsername(user.getUsername())
                .orElseThrow(() -> new UsernameNotFoundException("No account " + user.getUsername()));
        person.changePasswordHash(newPasswordHash);
        return principal(person);
    }

    private static EarmarkPrincipal principal(Person person) {
        return new EarmarkPrincipal(person.id(), person.centreId(), person.username(), person.displayName(),
                person.roles(), person.enabled(), person.passwordHash());
    }
}
