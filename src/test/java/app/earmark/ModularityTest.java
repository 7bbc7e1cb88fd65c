package app.earmark;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Modules only use each other's published types, without cycles; writes the module documentation. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(EarmarkApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
