package app.earmark.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.security.Role;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

@EarmarkSpringTest
class PeopleAdminTest {

    @Autowired
    PeopleAdmin admin;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    Persons persons;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void aNewAccountHasAnAdaptiveHashNotThePassword() {
        var created = signedIn.as("admin", () -> admin.createPerson("hash.check", "Hash Check", "correct horse",
                Set.of(Role.ASSESSOR)));
        String stored = persons.findById(created.id()).orElseThrow().passwordHash();
        assertThat(stored).startsWith("{bcrypt}$2a$").doesNotContain("correct horse");
        assertThat(passwordEncoder.matches("correct horse", stored)).isTrue();
    }

    @Test
    void aRoleChangeIsAuditedWithBeforeAndAfter() {
        var created = signedIn.as("admin", () -> admin.createPerson("role.change", "Role Change", "long enough",
                Set.of(Role.ASSESSOR)));
        long before = trail.lastSeq();
        signedIn.as("admin", () -> admin.changeRoles(created.id(), Set.of(Role.ASSESSOR, Role.IQA)));
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("admin");
            assertThat(e.get("action")).isEqualTo("roles-changed");
            assertThat(e.get("details")).isEqualTo("Roles of role.change changed from [ASSESSOR] to [ASSESSOR, IQA]");
        });
    }

    @Test
    void anAdministratorCannotRemoveTheirOwnAdministratorRole() {
        long self = trail.userId("admin");
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.changeRoles(self, Set.of(Role.ASSESSOR))))
                .isInstanceOf(PeopleException.class).hasMessageContaining("cannot remove your own administrator role");
    }

    @Test
    void aLearnerCannotAlsoHoldAStaffRole() {
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.createPerson("mixed.roles", "Mixed", "long enough",
                Set.of(Role.LEARNER, Role.ASSESSOR)))).isInstanceOf(PeopleException.class)
                .hasMessageContaining("A learner cannot also hold a staff role");
    }

    @Test
    void aShortPasswordOrATakenUsernameIsRefused() {
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.createPerson("short.pw", "Short", "1234567",
                Set.of(Role.EQA)))).hasMessage("A password needs at least 8 characters.");
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.createPerson("assessor", "Again", "long enough",
                Set.of(Role.EQA)))).hasMessage("The username assessor is taken.");
    }

    @Test
    void anIqaMayNotQualityAssureTheirOwnDecisions() {
        var both = signedIn.as("admin", () -> admin.createPerson("iqa.and.assessor", "Both Roles", "long enough",
                Set.of(Role.IQA, Role.ASSESSOR)));
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.link(Relationship.QUALITY_ASSURES, both.id(),
                both.id()))).isInstanceOf(PeopleException.class)
                .hasMessageContaining("may not quality-assure their own assessment decisions");
    }

    @Test
    void enrolmentNeedsAKnownQualificationAndHappensOnce() {
        var learner = signedIn.as("admin", () -> admin.createPerson("enrol.me", "Enrol Me", "long enough",
                Set.of(Role.LEARNER)));
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.enrol(learner.id(), "9999", "R1", LocalDate.now())))
                .hasMessage("There is no qualification 9999 in the catalogue.");
        signedIn.as("admin", () -> admin.enrol(learner.id(), "8587", "R-77", LocalDate.now()));
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.enrol(learner.id(), "8587", "R-78", LocalDate.now())))
                .hasMessage("Enrol Me is already enrolled on 8587.");
    }

    @Test
    void onlyALearnerCanBeAssignedToAnAssessor() {
        long assessor = trail.userId("assessor");
        long iqa = trail.userId("iqa");
        assertThatThrownBy(() -> signedIn.as("admin", () -> admin.link(Relationship.ASSESSES, assessor, iqa)))
                .hasMessageContaining("is not a learner");
    }

    @Test
    void aDisabledAccountCannotSignIn(@Autowired AuthenticationConfiguration security) throws Exception {
        AuthenticationManager authentication = security.getAuthenticationManager();
        var created = signedIn.as("admin", () -> admin.createPerson("to.disable", "To Disable", "long enough",
                Set.of(Role.EQA)));
        signedIn.as("admin", () -> admin.setEnabled(created.id(), false));
        assertThatThrownBy(() -> authentication.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("to.disable", "long enough")))
                .isInstanceOf(AuthenticationException.class);
    }
}
