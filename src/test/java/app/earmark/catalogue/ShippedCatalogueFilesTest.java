package app.earmark.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The catalogue shipped with Earmark against the awarding body's documents (../shared/seeds): the AC
 * counts the seeds' README gives, the mark-sheet arithmetic, and AC texts word for word.
 */
class ShippedCatalogueFilesTest {

    private static Map<String, UnitDefinition> units;
    private static Map<String, QualificationDefinition> qualifications;

    @BeforeAll
    static void readShippedFiles() throws IOException {
        units = new LinkedHashMap<>();
        for (var file : ShippedCatalogue.resources(ShippedCatalogue.UNITS)) {
            UnitDefinition unit = CatalogueFiles.readUnit(ShippedCatalogue.name(file), ShippedCatalogue.bytes(file));
            units.put(unit.code(), unit);
        }
        qualifications = new LinkedHashMap<>();
        for (var file : ShippedCatalogue.resources(ShippedCatalogue.QUALIFICATIONS)) {
            var q = CatalogueFiles.readQualification(ShippedCatalogue.name(file), ShippedCatalogue.bytes(file));
            qualifications.put(q.code(), q);
        }
    }

    @Test
    void everyUnitHasTheNumberOfAcsTheSourcesGive() {
        Map<String, Long> counts = units.values().stream()
                .collect(Collectors.toMap(UnitDefinition::code, u -> u.criteria().count()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("8580-500", 12L), Map.entry("8580-501", 10L), Map.entry("8580-502", 13L),
                Map.entry("8580-503", 9L), Map.entry("8587-300", 12L), Map.entry("8587-301", 12L),
                Map.entry("8587-302", 11L), Map.entry("8587-303", 4L), Map.entry("8587-304", 11L),
                Map.entry("8587-305", 4L), Map.entry("L5-PROV-004", 6L)));
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(104);
    }

    @Test
    void everyMarkedUnitTotals100WithEachMinimumHalfItsMaximum() {
        List<UnitDefinition> marked = units.values().stream().filter(UnitDefinition::isMarked).toList();
        assertThat(marked).extracting(UnitDefinition::code)
                .containsExactlyInAnyOrder("8580-500", "8580-501", "8580-502", "8580-503");
        for (UnitDefinition unit : marked) {
            assertThat(unit.totalMarks()).as(unit.code() + " total").isEqualTo(100);
            unit.criteria().forEach(ac -> assertThat(ac.minimum() * 2)
                    .as(unit.code() + " AC " + ac.number() + " minimum is half of " + ac.marks())
                    .isEqualTo(ac.marks()));
        }
    }

    @Test
    void unit502CarriesTheMarksOfItsMarkSheet() {
        // Seed 000: 4, 4, 4, 16, 12, 8, 8, 8, 8, 8, 8, 8, 4 = 100
        assertThat(units.get("8580-502").criteria().map(AssessmentCriterion::marks))
                .containsExactly(4, 4, 4, 16, 12, 8, 8, 8, 8, 8, 8, 8, 4);
    }

    @Test
    void resultSheetUnitsCarryNoMarksAndHaveReferralAndPassDescriptors() {
        units.values().stream().filter(u -> !u.isMarked()).forEach(unit -> unit.criteria().forEach(ac -> {
            assertThat(ac.marks()).as(unit.code() + " AC " + ac.number()).isNull();
            assertThat(ac.descriptors().referral()).as(unit.code() + " AC " + ac.number() + " referral").isNotEmpty();
            assertThat(ac.descriptors().pass()).as(unit.code() + " AC " + ac.number() + " pass").isNotEmpty();
        }));
    }

    @Test
    void level3UnitsCarryUanCreditsGlhAimDepthAndGuidance() {
        // Seed 002, structure table: UAN, level, credit value, GLH
        assertThat(units.get("8587-302")).satisfies(u -> {
            assertThat(u.uan()).isEqualTo("H/617/2843");
            assertThat(u.level()).isEqualTo(3);
            assertThat(u.credits()).isEqualTo(7);
            assertThat(u.glh()).isEqualTo(14);
            assertThat(u.aim()).isNotBlank();
        });
        units.values().stream().filter(u -> u.code().startsWith("8587-")).forEach(unit -> unit.criteria()
                .forEach(ac -> assertThat(List.of(ac.depth(), ac.guidance()))
                        .as(unit.code() + " AC " + ac.number() + " depth and guidance").doesNotContainNull()));
    }

    @ParameterizedTest(name = "{0} AC {1}")
    @CsvSource(delimiter = '|', textBlock = """
            8580-500 | 1.2 | Identify potential individual, operational and organisational barriers to using coaching or mentoring and develop appropriate strategies for minimising or overcoming these
            8580-501 | 3.1 | Collect feedback on own coaching or mentoring practice on the effectiveness of coaching or mentoring interventions in enabling the achievement of agreed goals and show evidence of this within the coaching / mentoring diary
            8580-502 | 1.1 | Explain the rationale for coaching or mentoring for a minimum of six clients and formally agree a contract with each client
            8580-502 | 2.2 | Critically evaluate your use of a range of diagnostic coaching and mentoring tools and techniques
            8580-503 | 3.3 | Provide a linked and relevant plan for your future development for a minimum of the next twelve months
            8587-300 | 3.2 | Describe a range of coaching tools or techniques that can be used to identify preferences and agree goals or outcomes to facilitate the coaching process
            8587-301 | 2.1 | Identify methods to initiate a productive working relationship with an individual
            8587-302 | 2.1 | Use diagnostic or assessment tools to effectively coach within an organisational context
            8587-302 | 3.4 | Summarise the outcomes of ongoing supervision for a minimum of 2 sessions of effective coaching to improve practice
            8587-303 | 2.1 | Review own coaching ability to identify future development opportunities, including the use of questioning, listening and communication strategies
            8587-304 | 3.4 | Summarise the outcomes of ongoing supervision for a minimum of 2 sessions of effective mentoring to improve practice
            8587-305 | 2.1 | Review own mentoring ability to identify future development opportunities, including the use of questioning, listening and communication strategies
            L5-PROV-004 | 2.2 | Produce a comprehensive personal development plan that covers a minimum duration of 12 months, detailing how this will support own development in coaching or mentoring
            """)
    void acTextIsWordForWordTheSource(String unit, String ac, String sourceText) {
        // Sources: seed 001 lines 73, 191, 286; seed 000 lines 35, 214; seed 002 lines 421, 518, 636, 680,
        // 758, 882, 957; seed 004 line 71.
        assertThat(units.get(unit).criterion(ac)).get().extracting(AssessmentCriterion::text).isEqualTo(sourceText);
    }

    @Test
    void rulesOfCombinationFollowTheSources() {
        var level3 = qualifications.get("8587").rulesOfCombination();
        assertThat(level3).singleElement().satisfies(rule -> {
            assertThat(rule.mandatory()).containsExactly("8587-300", "8587-301");
            assertThat(rule.oneGroupOf()).extracting(CombinationRule.UnitGroup::units)
                    .containsExactly(List.of("8587-302", "8587-303"), List.of("8587-304", "8587-305"));
        });
        var level5 = qualifications.get("8580").rulesOfCombination();
        assertThat(level5).extracting(CombinationRule::award, CombinationRule::minimumCredits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Certificate", 13),
                        org.assertj.core.groups.Tuple.tuple("Diploma", 37));
        // Seed 003: unit credit values
        assertThat(List.of("8580-500", "8580-501", "8580-502", "8580-503")).extracting(c -> units.get(c).credits())
                .containsExactly(5, 5, 29, 3);
    }

    @Test
    void the8580DiplomaRuleIsProvisionalBecauseTheSourceNamesNoUnits() {
        var level5 = qualifications.get("8580");
        assertThat(level5.version()).isEqualTo(2);
        assertThat(level5.rulesOfCombination()).filteredOn(CombinationRule::unconfirmed)
                .singleElement().satisfies(diploma -> {
                    assertThat(diploma.award()).isEqualTo("Diploma");
                    // Seed 003: "Three mandatory units (total credit value 37)", no unit named.
                    assertThat(diploma.provisional()).startsWith("The source lists the Diploma as 'three mandatory"
                            + " units (total credit value 37)' without naming them; Earmark infers units 502 and 503"
                            + " plus 500 or 501").contains("Confirm the rule with your centre or ILM");
                });
        // The Certificate's three units are the only three totalling 13; the Level 3 rule is quoted from seed 002.
        assertThat(qualifications.get("8587").rulesOfCombination()).noneMatch(CombinationRule::unconfirmed);
    }

    @Test
    void theUnnumberedLevel5SheetIsAProvisionalUnitOutsideEveryQualification() {
        UnitDefinition sheet = units.get("L5-PROV-004");
        assertThat(sheet.isProvisional()).isTrue();
        assertThat(sheet.sheet()).isEqualTo(SheetType.RESULT_SHEET);
        assertThat(qualifications.values()).allSatisfy(q -> assertThat(q.units()).doesNotContain("L5-PROV-004"));
    }
}
