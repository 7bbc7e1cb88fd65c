package app.earmark.sheets;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.sheets.SheetContent.AcEntry;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Result sheets in known states for tests: the learner's earlier sheets for the unit are removed first
 * (with their declarations), so each test starts from nothing.
 */
@Component
public class SheetFixtures {

    private final ResultSheets sheets;
    private final Catalogue catalogue;
    private final SignedIn signedIn;
    private final AuditTrail trail;
    private final JdbcTemplate jdbc;

    SheetFixtures(ResultSheets sheets, Catalogue catalogue, SignedIn signedIn, AuditTrail trail, JdbcTemplate jdbc) {
        this.sheets = sheets;
        this.catalogue = catalogue;
        this.signedIn = signedIn;
        this.trail = trail;
        this.jdbc = jdbc;
    }

    public Unit unit(String code) {
        return catalogue.unit(code).orElseThrow();
    }

    /** Removes every version of the learner's sheet for the unit; returns the unit. */
    public Unit clear(String learner, String unitCode) {
        long learnerId = trail.userId(learner);
        Unit unit = unit(unitCode);
        jdbc.update("delete from evidence_attachment where sheet_id in (select id from result_sheet where learner_id = ?"
                + " and unit_id = ?)", learnerId, unit.id());
        jdbc.update("delete from sheet_declaration where sheet_id in (select id from result_sheet where learner_id = ?"
                + " and unit_id = ?)", learnerId, unit.id());
        jdbc.update("update result_sheet set previous_id = null where learner_id = ? and unit_id = ?", learnerId,
                unit.id());
        jdbc.update("delete from result_sheet where learner_id = ? and unit_id = ?", learnerId, unit.id());
        return unit;
    }

    /** A new draft, started by {@code assessor}. */
    public SheetView fresh(String learner, String unitCode) {
        Unit unit = clear(learner, unitCode);
        return signedIn.as("assessor", () -> sheets.start(trail.userId(learner), unit.id()));
    }

    /** A new sheet with every AC a Pass with feedback, signed as a Pass by {@code assessor}. */
    public SheetView signedPass(String learner, String unitCode) {
        SheetView draft = fresh(learner, unitCode);
        SheetView saved = signedIn.as("assessor", () -> sheets.save(draft.id(), draft.version(), false,
                allPass(draft.unit())));
        return signedIn.as("assessor", () -> sheets.sign(saved.id(), saved.version(), AcResult.PASS));
    }

    public static SheetContent allPass(Unit unit) {
        var entries = new HashMap<Long, AcEntry>();
        unit.criterionIds().values().forEach(id -> entries.put(id, new AcEntry(AcResult.PASS, null,
                "Clear and well evidenced", "Assignment")));
        return new SheetContent(entries, Map.of(), Map.of());
    }
}
