package app.earmark.catalogue;

import app.earmark.base.AuditableEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At start-up, brings the shipped data files ({@code classpath:catalogue/}) into the database: new
 * versions are stored, identical ones left alone, and a shipped file whose content changed without a new
 * version stops the start with a message saying which file to re-version. A shipped qualification version
 * whose number the centre already used for its own import (e.g. confirming a provisional rule) leaves the
 * centre's version in place, with a warning.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ShippedCatalogue implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ShippedCatalogue.class);
    static final String UNITS = "classpath*:catalogue/units/*.yaml";
    static final String QUALIFICATIONS = "classpath*:catalogue/qualifications/*.yaml";

    private final CatalogueStore store;
    private final ApplicationEventPublisher events;

    ShippedCatalogue(CatalogueStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        List<Resource> unitFiles = resources(UNITS);
        List<Resource> qualificationFiles = resources(QUALIFICATIONS);
        int added = 0;
        for (Resource file : unitFiles) {
            UnitDefinition unit = CatalogueFiles.readUnit(name(file), bytes(file));
            if (store.storeUnit(name(file), unit, Unit.Origin.SHIPPED, AuditableEvent.SYSTEM)
                    == CatalogueStore.Outcome.STORED) {
                added++;
            }
        }
        for (Resource file : qualificationFiles) {
            QualificationDefinition q = CatalogueFiles.readQualification(name(file), bytes(file));
            var outcome = store.storeQualification(name(file), q, Unit.Origin.SHIPPED, AuditableEvent.SYSTEM);
            if (outcome == CatalogueStore.Outcome.STORED) {
                added++;
            } else if (outcome == CatalogueStore.Outcome.CENTRE_VERSION_KEPT) {
                log.warn("Catalogue: {} ships qualification {} version {}, but the centre imported its own version {};"
                        + " the centre's version is kept. To use the shipped one, import it as the next version.",
                        name(file), q.code(), q.version(), q.version());
            }
        }
        log.info("Catalogue: {} qualification files and {} unit files shipped; {} new versions stored",
                qualificationFiles.size(), unitFiles.size(), added);
        events.publishEvent(new CatalogueReady(qualificationFiles.size(), unitFiles.size()));
    }

    static List<Resource> resources(String pattern) throws IOException {
        return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(pattern))
                .sorted(Comparator.comparing(ShippedCatalogue::name)).toList();
    }

    static String name(Resource resource) {
        return "catalogue/" + (resource.getFilename() == null ? "?" : resource.getFilename());
    }

    static byte[] bytes(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
