package app.earmark.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A malformed unit file is refused with a message that names the problem and its place. */
class CatalogueFilesTest {

    static final String GOOD_MARKED = """
            code: CENTRE-101
            version: 1
            title: Coaching conversations in practice
            level: 5
            sheet: MARK_SHEET
            learningOutcomes:
              - number: 1
                title: Be able to hold a coaching conversation
                assessmentCriteria:
                  - number: "1.1"
                    text: Plan a coaching conversation
                    marks: 40
                    minimum: 20
                  - number: "1.2"
                    text: Hold a coaching conversation
                    marks: 60
                    minimum: 30
            """;

    @Test
    void readsAGoodYamlFile() {
        UnitDefinition unit = read("unit.yaml", GOOD_MARKED);
        assertThat(unit.code()).isEqualTo("CENTRE-101");
        assertThat(unit.criteria()).extracting(AssessmentCriterion::number).containsExactly("1.1", "1.2");
        assertThat(unit.totalMarks()).isEqualTo(100);
    }

    @Test
    void readsTheSameUnitFromJson() {
        UnitDefinition unit = read("unit.json", """
                {"code": "CENTRE-102", "version": 1, "title": "Reflecting", "level": 3, "sheet": "RESULT_SHEET",
                 "learningOutcomes": [{"number": 1, "title": "Reflect",
                   "assessmentCriteria": [{"number": "1.1", "text": "Reflect on practice"}]}]}
                """);
        assertThat(unit.sheet()).isEqualTo(SheetType.RESULT_SHEET);
    }

    @Test
    void badYamlSyntaxNamesTheLine() {
        assertProblem("unit.yaml", "code: X\n  title: [unclosed\n", "The file is not valid YAML (line");
    }

    @Test
    void badJsonSyntaxNamesTheLine() {
        assertProblem("unit.json", "{\"code\": \"X\", \"version\": 1,,}", "The file is not valid JSON (line 1");
    }

    @Test
    void missingAcTextIsNamed() {
        assertProblem("unit.yaml", GOOD_MARKED.replace("        text: Hold a coaching conversation\n", ""),
                "learningOutcomes[0].assessmentCriteria[1] (AC 1.2): the AC text is missing.");
    }

    @Test
    void duplicateAcNumberIsNamed() {
        assertProblem("unit.yaml", GOOD_MARKED.replace("number: \"1.2\"", "number: \"1.1\""),
                "Duplicate AC number 1.1: at learningOutcomes[0].assessmentCriteria[0] and at "
                        + "learningOutcomes[0].assessmentCriteria[1].");
    }

    @Test
    void marksThatDoNotTotal100AreRefused() {
        assertProblem("unit.yaml", GOOD_MARKED.replace("marks: 60", "marks: 50").replace("minimum: 30", "minimum: 25"),
                "The marks of a MARK_SHEET unit must total 100; these total 90.");
    }

    @Test
    void aMinimumAboveTheMaximumIsRefused() {
        assertProblem("unit.yaml", GOOD_MARKED.replace("minimum: 20", "minimum: 45"),
                "learningOutcomes[0].assessmentCriteria[0] (AC 1.1): the minimum (45) is above the marks available (40).");
    }

    @Test
    void aMinimumThatIsNotHalfTheMarksIsRefusedNamingTheUnitAcAndExpectedMinimum() {
        assertProblem("unit.yaml", GOOD_MARKED.replace("minimum: 20", "minimum: 10"),
                "Unit CENTRE-101, learningOutcomes[0].assessmentCriteria[0] (AC 1.1): the minimum is 10 of 40 marks,"
                        + " but the mark sheets make an AC's minimum half its marks: expected 20.");
        assertProblem("unit.yaml", GOOD_MARKED.replace("marks: 40", "marks: 39").replace("marks: 60", "marks: 61")
                .replace("minimum: 30", "minimum: 30"), "(AC 1.2): the minimum is 30 of 61 marks, but the mark sheets"
                + " make an AC's minimum half its marks: expected 31.");
        read("unit.yaml", GOOD_MARKED);
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanDropped() {
        assertProblem("unit.yaml", GOOD_MARKED.replace("marks: 40", "markz: 40"), "Unknown field 'markz'");
    }

    @Test
    void anUnquotedAcNumberIsExplained() {
        assertProblem("unit.yaml", GOOD_MARKED.replace("number: \"1.1\"", "number: 1.1"), "put the value in quotes");
    }

    @Test
    void anAcUnderTheWrongLearningOutcomeIsRefused() {
        assertProblem("unit.yaml", GOOD_MARKED.replace("number: \"1.2\"", "number: \"2.2\""),
                "AC 2.2 is listed under learning outcome 1.");
    }

    @Test
    void marksOnAResultSheetAreRefused() {
        assertProblem("unit.yaml", GOOD_MARKED.replace("MARK_SHEET", "RESULT_SHEET"),
                "has marks, but the unit is a RESULT_SHEET");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String twoProblems = GOOD_MARKED.replace("        text: Hold a coaching conversation\n", "")
                .replace("minimum: 20", "minimum: 45");
        assertThatThrownBy(() -> read("unit.yaml", twoProblems)).isInstanceOfSatisfying(CatalogueFileException.class,
                e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void anEmptyFileIsRefused() {
        assertProblem("unit.yaml", "", "The file is empty.");
    }

    static UnitDefinition read(String fileName, String content) {
        return CatalogueFiles.readUnit(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(String fileName, String content, String expected) {
        assertThatThrownBy(() -> read(fileName, content)).isInstanceOfSatisfying(CatalogueFileException.class,
                e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(expected)));
    }
}
