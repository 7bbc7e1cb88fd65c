package app.earmark.people;

import app.earmark.base.AuditableEvent;
import app.earmark.catalogue.CatalogueReady;
import app.earmark.security.Role;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A production centre's first start: with {@code earmark.setup.*} given and no administrator in the
 * database yet, creates the centre and its first administrator. Once an administrator exists the
 * settings are ignored (remove them, and change the password in Earmark).
 */
@Component
class FirstRunSetup {

    private static final Logger log = LoggerFactory.getLogger(FirstRunSetup.class);

    /**
     * @param centreNumber  the awarding body's centre number
     * @param centreName    the centre's name, as on result sheets
     * @param adminUsername the first administrator's username
     * @param adminPassword the first administrator's password (at least 8 characters)
     */
    @ConfigurationProperties("earmark.setup")
    record Settings(String centreNumber, String centreName, String adminUsername, String adminPassword) {

        boolean given() {
            return adminUsername != null && !adminUsername.isBlank();
        }
    }

    private final Settings settings;
    private final Centres centres;
    private final Persons persons;
    private final NewAccounts newAccounts;

    FirstRunSetup(Settings settings, Centres centres, Persons persons, NewAccounts newAccounts) {
        this.settings = settings;
        this.centres = centres;
        this.persons = persons;
        this.newAccounts = newAccounts;
    }

    @EventListener
    @Transactional
    void setUp(CatalogueReady ready) {
        if (!settings.given() || persons.existsByRolesContaining(Role.ADMIN)) {
            return;
        }
        if (settings.adminPassword() == null || settings.adminPassword().length() < PeopleAdmin.MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("earmark.setup.admin-password needs at least "
                    + PeopleAdmin.MIN_PASSWORD_LENGTH + " characters.");
        }
        if (settings.centreNumber() == null || settings.centreName() == null) {
            throw new IllegalStateException("Give earmark.setup.centre-number and earmark.setup.centre-name with the "
                    + "first administrator.");
        }
        Centre centre = centres.findByNumber(settings.centreNumber())
                .orElseGet(() -> centres.save(new Centre(settings.centreNumber(), settings.centreName())));
        newAccounts.create(centre, settings.adminUsername(), settings.adminUsername(), settings.adminPassword(),
                Set.of(Role.ADMIN), AuditableEvent.SYSTEM);
        log.info("Created centre {} and its first administrator {}", settings.centreNumber(), settings.adminUsername());
    }
}
