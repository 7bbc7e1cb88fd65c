package app.earmark.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
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
    @Autowired
    CatalogueStore store;

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
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("action")).containsExactly("unit-imported");
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
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
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

    /** The shipped 8580 file under another code, so the demo centre's 8580 stays as shipped for other tests. */
    private static String shipped8580As(String code) throws java.io.IOException {
        try (var in = CatalogueImportTest.class.getResourceAsStream("/catalogue/qualifications/8580.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("code: '8580'", "code: '" + code + "'");
        }
    }

    private static String withoutProvisionalReasons(String yaml) {
        return yaml.replaceAll("(?m)^    provisional: >-\n(      .*\n)+", "");
    }

    /** The demo catalogue holds exactly the shipped qualifications for the other tests of the shared context. */
    @AfterEach
    void removeImportedTestQualifications() {
        jdbc.update("delete from catalogue_qualification where code in ('C8580', 'C8581')");
    }

    private CatalogueImport.QualificationResult importQualificationAsAdmin(String content) {
        return signedIn.as("admin", () -> catalogueImport.importQualification("qualification.yaml",
                content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCentreConfirmsAProvisionalRuleByImportingTheDefinitionWithoutItsReason() throws Exception {
        String asShipped = shipped8580As("C8580").replace("version: 2", "version: 1");
        importQualificationAsAdmin(asShipped);
        assertThat(catalogue.qualification("C8580").orElseThrow().definition().rulesOfCombination())
                .filteredOn(CombinationRule::unconfirmed).extracting(CombinationRule::award).containsExactly("Diploma");

        long before = trail.lastSeq();
        String confirmed = withoutProvisionalReasons(asShipped).replace("version: 1", "version: 2");
        assertThat(confirmed).doesNotContain("provisional");
        var result = importQualificationAsAdmin(confirmed);

        assertThat(result.alreadyStored()).isFalse();
        assertThat(result.message()).isEqualTo("Imported qualification C8580 version 2 (2 rules of combination, all"
                + " confirmed).");
        var latest = catalogue.qualification("C8580").orElseThrow();
        assertThat(latest.definition().version()).isEqualTo(2);
        assertThat(latest.definition().rulesOfCombination()).noneMatch(CombinationRule::unconfirmed)
                .extracting(CombinationRule::award).containsExactly("Certificate", "Diploma");
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("qualification-imported");
            assertThat(e.get("actor")).isEqualTo("admin");
            assertThat((String) e.get("details")).startsWith("Qualification C8580 version 2 stored (imported")
                    .endsWith("provisional rules of combination: none");
        });
        assertThat(jdbc.queryForObject("select count(*) from catalogue_qualification where code = 'C8580'",
                Integer.class)).as("the provisional version is kept beside the confirmed one").isEqualTo(2);
    }

    @Test
    void aLaterShippedFileWithTheNumberOfTheCentresConfirmedVersionLeavesTheCentresVersion() throws Exception {
        String provisional = shipped8580As("C8580").replace("version: 2", "version: 1");
        importQualificationAsAdmin(provisional);
        importQualificationAsAdmin(withoutProvisionalReasons(provisional).replace("version: 1", "version: 2"));
        var shippedLater = CatalogueFiles.readQualification("catalogue/C8580.yaml", shipped8580As("C8580")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(store.storeQualification("catalogue/C8580.yaml", shippedLater, Unit.Origin.SHIPPED, "system"))
                .isEqualTo(CatalogueStore.Outcome.CENTRE_VERSION_KEPT);
        assertThat(catalogue.qualification("C8580").orElseThrow().definition().rulesOfCombination())
                .noneMatch(CombinationRule::unconfirmed);
    }

    @Test
    void aQualificationImportIsVersionedAndARefusalIsAudited() throws Exception {
        String first = shipped8580As("C8581").replace("version: 2", "version: 1");
        importQualificationAsAdmin(first);
        assertThat(importQualificationAsAdmin(first).alreadyStored()).isTrue();

        long before = trail.lastSeq();
        String changedInPlace = withoutProvisionalReasons(first);
        assertThatThrownBy(() -> importQualificationAsAdmin(changedInPlace)).isInstanceOfSatisfying(
                CatalogueFileException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .contains("already stored with different content"));
        assertThatThrownBy(() -> importQualificationAsAdmin(changedInPlace.replace("version: 1", "version: 3")))
                .isInstanceOfSatisfying(CatalogueFileException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("the next version must be 2, not 3"));
        String emptyReason = first.replace("version: 1", "version: 2")
                .replaceAll("(?m)^    provisional: >-\n(      .*\n)+", "    provisional: ''\n");
        assertThatThrownBy(() -> importQualificationAsAdmin(emptyReason)).isInstanceOfSatisfying(
                CatalogueFileException.class,
                e -> assertThat(e.problems()).singleElement().asString()
                        .contains("rulesOfCombination[1]: provisional is empty"));
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("action")).containsExactly(
                "qualification-import-rejected", "qualification-import-rejected", "qualification-import-rejected");
        assertThat(catalogue.qualification("C8581").orElseThrow().definition().version()).isEqualTo(1);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> catalogueImport.importQualification("q.yaml",
                first.getBytes(StandardCharsets.UTF_8)))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theShippedCatalogueIsStoredWithAnIdentityForEveryAc() {
        assertThat(jdbc.queryForObject("select count(*) from catalogue_criterion c join catalogue_unit u on u.id = c.unit_id"
                + " where u.origin = 'SHIPPED'", Integer.class)).isEqualTo(104);
        assertThat(catalogue.qualifications()).extracting(Qualification::code).containsExactly("8580", "8587");
        assertThat(catalogue.qualification("8587").orElseThrow().units()).hasSize(6);
    }
}
