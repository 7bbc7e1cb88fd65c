package app.earmark.catalogue;

import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator imports a centre's own unit, or a qualification definition (e.g. confirming or correcting a
 * provisional rule of combination), from a YAML or JSON file. The whole file is checked
 * before anything is stored, and it is stored in one transaction: nothing is ever half-imported.
 */
@Service
public class CatalogueImport {

    private final CatalogueStore store;
    private final Catalogue catalogue;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    CatalogueImport(CatalogueStore store, Catalogue catalogue, CurrentUser currentUser,
            ApplicationEventPublisher events) {
        this.store = store;
        this.catalogue = catalogue;
        this.currentUser = currentUser;
        this.events = events;
    }

    /** What an import did, in a sentence for the administrator. */
    public record Result(Unit unit, boolean alreadyStored) {

        public String message() {
            return alreadyStored
                    ? "Unit " + unit.code() + " version " + unit.version() + " is already in the catalogue with exactly "
                            + "this content; nothing changed."
                    : "Imported unit " + unit.code() + " version " + unit.version() + " (" + unit.definition()
                            .criteria().count() + " assessment criteria).";
        }
    }

    /** What a qualification import did, in a sentence for the administrator. */
    public record QualificationResult(Qualification qualification, boolean alreadyStored) {

        public String message() {
            var d = qualification.definition();
            if (alreadyStored) {
                return "Qualification " + d.code() + " version " + d.version() + " is already in the catalogue with"
                        + " exactly this content; nothing changed.";
            }
            List<String> provisional = d.rulesOfCombination().stream().filter(CombinationRule::unconfirmed)
                    .map(CombinationRule::award).toList();
            return "Imported qualification " + d.code() + " version " + d.version() + " ("
                    + d.rulesOfCombination().size() + " rules of combination, "
                    + (provisional.isEmpty() ? "all confirmed" : "provisional: " + String.join(", ", provisional))
                    + ").";
        }
    }

    /**
     * Imports a qualification definition as the qualification's next version. A rule given without a
     * {@code provisional} reason is confirmed by the centre; every unit it names must be in the catalogue.
     *
     * @throws CatalogueFileException with every problem found; nothing is stored
     */
    @RolesAllowed(Role.Name.ADMIN)
    @Transactional
    public QualificationResult importQualification(String fileName, byte[] content) {
        String actor = currentUser.actorName();
        try {
            QualificationDefinition qualification = CatalogueFiles.readQualification(fileName, content);
            var latest = catalogue.qualification(qualification.code());
            if (latest.isPresent()) {
                int latestVersion = latest.get().definition().version();
                if (qualification.version() > latestVersion + 1 || qualification.version() < latestVersion) {
                    throw new CatalogueFileException(fileName, List.of("Qualification " + qualification.code()
                            + " is at version " + latestVersion + "; the next version must be " + (latestVersion + 1)
                            + ", not " + qualification.version() + "."));
                }
            }
            var outcome = store.storeQualification(fileName, qualification, Unit.Origin.IMPORTED, actor);
            Qualification stored = catalogue.qualification(qualification.code()).orElseThrow();
            return new QualificationResult(stored, outcome == CatalogueStore.Outcome.ALREADY_STORED);
        } catch (CatalogueFileException e) {
            events.publishEvent(new CatalogueImportRejected(actor, "qualification", fileName, e.problems()));
            throw e;
        }
    }

    /**
     * @throws CatalogueFileException with every problem found; nothing is stored
     */
    @RolesAllowed(Role.Name.ADMIN)
    @Transactional
    public Result importUnit(String fileName, byte[] content) {
        String actor = currentUser.actorName();
        try {
            UnitDefinition unit = CatalogueFiles.readUnit(fileName, content);
            var latest = catalogue.unit(unit.code());
            if (latest.isPresent() && unit.version() > latest.get().version() + 1) {
                throw new CatalogueFileException(fileName, List.of("Unit " + unit.code() + " is at version "
                        + latest.get().version() + "; the next version must be " + (latest.get().version() + 1)
                        + ", not " + unit.version() + "."));
            }
            var outcome = store.storeUnit(fileName, unit, Unit.Origin.IMPORTED, actor);
            Unit stored = catalogue.unit(unit.code(), unit.version()).orElseThrow();
            return new Result(stored, outcome == CatalogueStore.Outcome.ALREADY_STORED);
        } catch (CatalogueFileException e) {
            events.publishEvent(new CatalogueImportRejected(actor, "unit", fileName, e.problems()));
            throw e;
        }
    }
}
