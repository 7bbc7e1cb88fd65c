package app.earmark.sampling.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.AuditTrail;
import app.earmark.support.ViewTest;
import com.vaadin.flow.component.html.H2;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Opening the list of what is due (the IQA's and the administrator's view of the sample) is audited, each time. */
class SamplingDueViewTest extends ViewTest {

    @Autowired
    AuditTrail trail;

    @Test
    void openingWhatIsDueIsAuditedForTheIqaAndTheAdministrator() {
        for (String who : List.of("iqa", "admin")) {
            long before = trail.lastSeq();
            openAs(who, "sampling");
            String heading = _find(H2.class).stream().map(H2::getText).filter(t -> t.startsWith("Due (")).findFirst()
                    .orElseThrow();
            List<Map<String, Object>> viewed = trail.since(before).stream()
                    .filter(e -> "sampling-due-viewed".equals(e.get("action"))).toList();
            assertThat(viewed).as("opening /sampling as " + who).singleElement().satisfies(e -> {
                assertThat(e.get("actor")).isEqualTo(who);
                assertThat((String) e.get("subject")).startsWith("centre:").endsWith(" sampling-due");
                assertThat((String) e.get("details")).startsWith("What is due for QA review, and coverage, opened: "
                        + heading.substring("Due (".length(), heading.length() - 1) + " due");
            });
        }
    }
}
