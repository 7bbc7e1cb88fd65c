package app.earmark.audit;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.ViewTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;

class AuditLogViewTest extends ViewTest {

    @Test
    void anAdministratorSeesTheTrailAndChecksTheChain() {
        openAs("admin", "admin/audit");
        Grid<?> grid = _get(Grid.class, spec -> spec.withId("audit-grid"));
        assertThat(GridKt._size(grid)).isPositive();
        _click(_get(Button.class, spec -> spec.withText("Check the chain")));
        assertThat(_get(Span.class, spec -> spec.withId("audit-chain-verdict")).getText())
                .startsWith("The audit trail is intact");
    }

    @Test
    void nobodyElseCanOpenIt() {
        openAs("iqa", "admin/audit");
        com.github.mvysny.kaributesting.v10.LocatorJ._assertNone(Grid.class);
    }
}
