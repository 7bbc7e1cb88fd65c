package app.earmark.catalogue;

import app.earmark.base.Hashing;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds versions to the catalogue, and only adds: a stored version is compared by content hash and
 * never overwritten.
 */
@Component
class CatalogueStore {

    private final UnitRecords units;
    private final QualificationRecords qualifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CatalogueStore(UnitRecords units, QualificationRecords qualifications, ApplicationEventPublisher events,
            Clock clock) {
        this.units = units;
        this.qualifications = qualifications;
        this.events = events;
        this.clock = clock;
    }

    /** What storing a version did. */
    enum Outcome {
        STORED, ALREADY_STORED,
        /** A shipped qualification version whose number a centre's import already took: the centre's stands. */
        CENTRE_VERSION_KEPT
    }

    /**
     * Stores the unit version, or confirms an identical one is stored.
     *
     * @throws CatalogueFileException if that version is stored with other content
     */
    @Transactional
    Outcome storeUnit(String fileName, UnitDefinition unit, Unit.Origin origin, String actor) {
        String json = CatalogueFiles.canonicalJson(unit);
        String hash = Hashing.sha256Hex(json);
        Optional<UnitRecord> existing = units.findByCodeAndVersion(unit.code(), unit.version());
        if (existing.isPresent()) {
            if (existing.get().contentHash().equals(hash)) {
                return Outcome.ALREADY_STORED;
            }
            int next = units.findByCodeOrderByVersionDesc(unit.code()).get(0).version() + 1;
            throw new CatalogueFileException(fileName, List.of("Version " + unit.version() + " of unit " + unit.code()
                    + " is already stored with different content, and a stored version is never changed. "
                    + "Give the changed unit version " + next + "."));
        }
        units.save(new UnitRecord(unit, json, hash, origin, clock.instant(), actor));
        events.publishEvent(new UnitStored(actor, unit.code(), unit.version(), origin, hash));
        return Outcome.STORED;
    }

    /**
     * Stores the qualification version, or confirms an identical one is stored.
     *
     * @throws CatalogueFileException if a unit is not in the catalogue, or that version is stored with other content
     */
    @Transactional
    Outcome storeQualification(String fileName, QualificationDefinition qualification, Unit.Origin origin,
            String actor) {
        List<String> unknown = qualification.units().stream()
                .filter(code -> units.findByCodeOrderByVersionDesc(code).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new CatalogueFileException(fileName, List.of("Units not in the catalogue: " + unknown + "."));
        }
        String json = CatalogueFiles.canonicalJson(qualification);
        String hash = Hashing.sha256Hex(json);
        var existing = qualifications.findByCodeAndVersion(qualification.code(), qualification.version());
        if (existing.isPresent()) {
            if (existing.get().contentHash().equals(hash)) {
                return Outcome.ALREADY_STORED;
            }
            if (origin == Unit.Origin.SHIPPED && existing.get().origin() == Unit.Origin.IMPORTED) {
                // E.g. a centre confirmed a provisional rule as version 3 before Earmark shipped its own version 3.
                return Outcome.CENTRE_VERSION_KEPT;
            }
            throw new CatalogueFileException(fileName, List.of("Version " + qualification.version()
                    + " of qualification " + qualification.code() + " is already stored with different content, "
                    + "and a stored version is never changed. Give the changed file a new version."));
        }
        qualifications.save(new QualificationRecord(qualification, json, hash, origin, clock.instant(), actor));
        events.publishEvent(new QualificationStored(actor, qualification.code(), qualification.version(), origin, hash,
                qualification.rulesOfCombination().stream().filter(CombinationRule::unconfirmed)
                        .map(CombinationRule::award).toList()));
        return Outcome.STORED;
    }
}
