package app.earmark.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.AuditTrail;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Refusals are audited when a person asks for a page, never when the menu asks what they may open. */
class NavigationRefusalsTest extends ViewTest {

    @Autowired
    AuditTrail trail;

    @Test
    void openingPagesWithTheMenuBuiltWritesNoRefusal() {
        long before = trail.lastSeq();
        openAs("assessor", "");
        UI.getCurrent().navigate("discussions");
        UI.getCurrent().navigate("catalogue");
        assertThat(refusalsSince(before)).isZero();
    }

    @Test
    void openingAnAdministratorsPageWritesExactlyOneRefusal() {
        openAs("assessor", "");
        long before = trail.lastSeq();
        UI.getCurrent().navigate("admin/audit");
        assertThat(trail.since(before)).filteredOn(e -> "access-refused".equals(e.get("action")))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("actor")).isEqualTo("assessor");
                    assertThat(e.get("subject")).isEqualTo("view:/admin/audit");
                });
    }

    private long refusalsSince(long seq) {
        return trail.since(seq).stream().filter(e -> "access-refused".equals(e.get("action"))).count();
    }
}
