package app.earmark.catalogue.web;

import app.earmark.catalogue.AssessmentCriterion;
import app.earmark.catalogue.CombinationRule;
import app.earmark.catalogue.Descriptors;
import app.earmark.catalogue.LearningOutcome;
import app.earmark.catalogue.Qualification;
import app.earmark.catalogue.SheetType;
import app.earmark.catalogue.Unit;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The catalogue as the JSON API shows it (documented in docs/api.md). */
final class CatalogueJson {

    private CatalogueJson() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QualificationJson(String code, int version, String title, String awardingBody, Integer level,
            Integer credits, Integer glh, Integer tqt, List<CombinationRule> rulesOfCombination, List<UnitJson> units) {

        static QualificationJson of(Qualification q) {
            var d = q.definition();
            return new QualificationJson(q.code(), d.version(), d.title(), d.awardingBody(), d.level(), d.credits(),
                    d.glh(), d.tqt(), d.rulesOfCombination(), q.units().stream().map(UnitJson::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UnitJson(String code, int version, String href, String title, Integer level, Integer credits, Integer glh,
            String uan, String aim, String assessmentMethod, SheetType sheet, boolean provisional, String contentHash,
            List<LearningOutcomeJson> learningOutcomes) {

        static UnitJson of(Unit unit) {
            var d = unit.definition();
            return new UnitJson(unit.code(), unit.version(),
                    "/api/v1/catalogue/units/" + unit.code() + "/" + unit.version(), d.title(), d.level(),
                    d.credits(), d.glh(), d.uan(), d.aim(), d.assessmentMethod(), d.sheet(), d.isProvisional(),
                    unit.contentHash(),
                    d.learningOutcomes().stream().map(lo -> LearningOutcomeJson.of(unit, lo)).toList());
        }
    }

    record LearningOutcomeJson(int number, String title, List<CriterionJson> assessmentCriteria) {

        static LearningOutcomeJson of(Unit unit, LearningOutcome lo) {
            return new LearningOutcomeJson(lo.number(), lo.title(),
                    lo.assessmentCriteria().stream().map(ac -> CriterionJson.of(unit, ac)).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CriterionJson(long id, String number, String text, Integer marks, Integer minimum, Descriptors descriptors,
            String depth, String guidance) {

        static CriterionJson of(Unit unit, AssessmentCriterion ac) {
            return new CriterionJson(unit.criterionIds().get(ac.number()), ac.number(), ac.text(), ac.marks(),
                    ac.minimum(), ac.descriptors().isEmpty() ? null : ac.descriptors(), ac.depth(), ac.guidance());
        }
    }
}
