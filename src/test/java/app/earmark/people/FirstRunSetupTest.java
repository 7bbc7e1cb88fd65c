package app.earmark.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.catalogue.CatalogueReady;
import app.earmark.security.Role;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** A production database starts empty: the first administrator comes from the set-up settings, once. */
@DataJpaTest(properties = "spring.datasource.url=jdbc:h2:mem:first-run;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
class FirstRunSetupTest {

    @Autowired
    Centres centres;
    @Autowired
    Persons persons;

    private FirstRunSetup setup(FirstRunSetup.Settings settings) {
        var accounts = new NewAccounts(persons, PasswordEncoderFactories.createDelegatingPasswordEncoder(), event -> { },
                Clock.systemUTC());
        return new FirstRunSetup(settings, centres, persons, accounts);
    }

    @Test
    void withoutSettingsNobodyIsCreated() {
        setup(new FirstRunSetup.Settings(null, null, null, null)).setUp(new CatalogueReady(0, 0));
        assertThat(persons.count()).isZero();
    }

    @Test
    void createsTheCentreAndItsFirstAdministratorOnlyOnce() {
        var settings = new FirstRunSetup.Settings("12345", "Our Centre", "alex", "a long passphrase");
        setup(settings).setUp(new CatalogueReady(0, 0));
        setup(new FirstRunSetup.Settings("12345", "Our Centre", "second", "another passphrase"))
                .setUp(new CatalogueReady(0, 0));
        assertThat(persons.findAll()).singleElement().satisfies(p -> {
            assertThat(p.username()).isEqualTo("alex");
            assertThat(p.roles()).containsExactly(Role.ADMIN);
        });
        assertThat(centres.findByNumber("12345")).get().extracting(Centre::name).isEqualTo("Our Centre");
    }

    @Test
    void aShortPasswordStopsTheStart() {
        assertThatThrownBy(() -> setup(new FirstRunSetup.Settings("1", "C", "alex", "short"))
                .setUp(new CatalogueReady(0, 0))).hasMessageContaining("at least 8 characters");
    }
}
