package app.earmark.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/** An administrator imports a centre's own unit: all or nothing, versioned, audited. */
@EarmarkSpringTest
class CatalogueImportTest {

    @Autowired
    CatalogueImport catalogueImport;
    @Autowired
    Catalogue catalogue;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;

    private CatalogueImport.Result importAsAdmin(String code, String content) {
        return signedIn.as("admin", () -> catalogueImport.importUnit(code + ".yaml",
                content.getBytes(StandardCharsets.UTF_8)));
    }

    private static String unit(String code, int version) {
        return CatalogueFilesTest.GOOD_MARKED.replace("CENTRE-101", code).replace("version: 1", "version: " + version);
    }

    @Test
    void aGoodFileBecomesAnImportedUnitVersionAndIsAudited() {
        long before = trail.lastSeq();
        var result = importAsAdmin("IMP-1", unit("IMP-1", 1));
        assertThat(result.alreadyStored()).isFalse();
        assertThat(result.unit().origin()).isEqualTo(Unit.Origin.IMPORTED);
        assertThat(result.unit().storedBy()).isEqualTo("admin");
        assertThat(result.unit().criterionIds()).containsOnlyKeys("1.1", "1.2");
        assertThat(catalogue.standaloneUnits()).extracting(Unit::code).contains("IMP-1");
        assertThat(trail.since(before)).extracting(e -> e.get("action")).containsExactly("unit-imported");
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        importAsAdmin("IMP-2", unit("IMP-2", 1));
        var again = importAsAdmin("IMP-2", unit("IMP-2", 1));
        assertThat(again.alreadyStored()).isTrue();
        assertThat(again.message()).contains("nothing changed");
        assertThat(catalogue.versions("IMP-2")).hasSize(1);
    }

    @Test
    void aStoredVersionIsNeverChangedInPlaceAChangeIsANewVersion() {
        importAsAdmin("IMP-3", unit("IMP-3", 1));
        String changed = unit("IMP-3", 1).replace("Plan a coaching conversation", "Plan a coaching session");
        assertThatThrownBy(() -> importAsAdmin("IMP-3", changed)).isInstanceOfSatisfying(CatalogueFileException.class,
                e -> assertThat(e.problems()).containsExactly("Version 1 of unit IMP-3 is already stored with different"
                        + " content, and a stored version is never changed. Give the changed unit version 2."));
        var second = importAsAdmin("IMP-3", changed.replace("version: 1", "version: 2"));
        assertThat(second.unit().version()).isEqualTo(2);
        assertThat(catalogue.versions("IMP-3")).extracting(Unit::version).containsExactly(2, 1);
        assertThat(catalogue.unit("IMP-3", 1).orElseThrow().definition().criterion("1.1").orElseThrow().text())
                .isEqualTo("Plan a coaching conversation");
    }

    @Test
    void versionsCannotBeSkipped() {
        importAsAdmin("IMP-4", unit("IMP-4", 1));
        assertThatThrownBy(() -> importAsAdmin("IMP-4", unit("IMP-4", 3))).isInstanceOfSatisfying(
                CatalogueFileException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .contains("the next version must be 2, not 3"));
    }

    @Test
    void aBadFileLeavesNothingBehindAndTheRefusalIsAudited() {
        long before = trail.lastSeq();
        String duplicate = unit("IMP-5", 1).replace("number: \"1.2\"", "number: \"1.1\"");
        assertThatThrownBy(() -> importAsAdmin("IMP-5", duplicate)).isInstanceOf(CatalogueFileException.class);
        assertThat(jdbc.queryForObject("select count(*) from catalogue_unit where code = 'IMP-5'", Integer.class))
                .isZero();
        assertThat(trail.since(before)).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("unit-import-rejected");
            assertThat((String) e.get("details")).contains("Duplicate AC number 1.1");
        });
    }

    @Test
    void onlyAnAdministratorMayImport() {
        assertThatThrownBy(() -> signedIn.as("assessor", () -> catalogueImport.importUnit("x.yaml",
                unit("IMP-6", 1).getBytes(StandardCharsets.UTF_8)))).isInstanceOf(AccessDeniedException.class);
        assertThat(catalogue.unit("IMP-6")).isEmpty();
    }

    @Test
    void theShippedCatalogueIsStoredWithAnIdentityForEveryAc() {
        assertThat(jdbc.queryForObject("select count(*) from catalogue_criterion c join catalogue_unit u on u.id = c.unit_id"
                + " where u.origin = 'SHIPPED'", Integer.class)).isEqualTo(104);
        assertThat(catalogue.qualifications()).extracting(Qualification::code).containsExactly("8580", "8587");
        assertThat(catalogue.qualification("8587").orElseThrow().units()).hasSize(6);
    }
}
