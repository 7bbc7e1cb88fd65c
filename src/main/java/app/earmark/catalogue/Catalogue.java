package app.earmark.catalogue;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the catalogue. The catalogue is not personal data: every signed-in person may read it.
 * Stored versions never change, so each is parsed once and kept.
 */
@Service
@Transactional(readOnly = true)
public class Catalogue {

    private final UnitRecords units;
    private final QualificationRecords qualifications;
    private final Map<Long, Unit> unitCache = new ConcurrentHashMap<>();
    private final Map<Long, QualificationDefinition> qualificationCache = new ConcurrentHashMap<>();

    Catalogue(UnitRecords units, QualificationRecords qualifications) {
        this.units = units;
        this.qualifications = qualifications;
    }

    /** The latest version of every qualification, by code. */
    public List<Qualification> qualifications() {
        Map<String, Unit> latestUnits = latestUnitsByCode();
        return qualifications.findLatestVersions().stream().map(q -> toQualification(q, latestUnits)).toList();
    }

    public Optional<Qualification> qualification(String code) {
        return qualifications().stream().filter(q -> q.code().equals(code)).findFirst();
    }

    /** The latest version of the unit. */
    public Optional<Unit> unit(String code) {
        return units.findByCodeOrderByVersionDesc(code).stream().findFirst().map(this::toUnit);
    }

    public Optional<Unit> unit(String code, int version) {
        return units.findByCodeAndVersion(code, version).map(this::toUnit);
    }

    public Optional<Unit> unit(long id) {
        Unit cached = unitCache.get(id);
        return cached != null ? Optional.of(cached) : units.findById(id).map(this::toUnit);
    }

    /** Every stored version of the unit, newest first. */
    public List<Unit> versions(String code) {
        return units.findByCodeOrderByVersionDesc(code).stream().map(this::toUnit).toList();
    }

    /** Latest units that belong to no qualification: the provisional sheet and centres' own units. */
    public List<Unit> standaloneUnits() {
        Set<String> inQualifications = new HashSet<>();
        qualifications.findLatestVersions()
                .forEach(q -> inQualifications.addAll(qualificationDefinition(q).units()));
        return units.findLatestVersions().stream().filter(u -> !inQualifications.contains(u.code()))
                .map(this::toUnit).toList();
    }

    /** Every latest unit, in qualifications or not. */
    public Collection<Unit> latestUnits() {
        return latestUnitsByCode().values();
    }

    private Map<String, Unit> latestUnitsByCode() {
        Map<String, Unit> byCode = new java.util.TreeMap<>();
        units.findLatestVersions().forEach(u -> byCode.put(u.code(), toUnit(u)));
        return byCode;
    }

    private Qualification toQualification(QualificationRecord record, Map<String, Unit> latestUnits) {
        QualificationDefinition definition = qualificationDefinition(record);
        List<Unit> members = definition.units().stream().map(latestUnits::get).filter(u -> u != null).toList();
        return new Qualification(record.id(), definition, record.contentHash(), members);
    }

    private QualificationDefinition qualificationDefinition(QualificationRecord record) {
        return qualificationCache.computeIfAbsent(record.id(),
                id -> CatalogueFiles.fromCanonicalJson(record.definition(), QualificationDefinition.class));
    }

    private Unit toUnit(UnitRecord record) {
        return unitCache.computeIfAbsent(record.id(), id -> {
            Map<String, Long> criterionIds = new HashMap<>();
            record.criteria().forEach(c -> criterionIds.put(c.number(), c.id()));
            return new Unit(id, CatalogueFiles.fromCanonicalJson(record.definition(), UnitDefinition.class),
                    record.contentHash(), record.origin(), record.storedAt(), record.storedBy(), criterionIds);
        });
    }
}
