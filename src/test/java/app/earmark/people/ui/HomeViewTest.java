package app.earmark.people.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.ViewTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HomeViewTest extends ViewTest {

    @Test
    void anAssessorSeesTheirLearnersWithQualificationsAndRegistrationNumbers() {
        openAs("assessor", "");
        LearnersGrid grid = _get(LearnersGrid.class);
        assertThat(GridKt._size(grid)).isEqualTo(2);
        var rows = IntStream.range(0, 2).mapToObj(i -> GridKt._getFormattedRow(grid, i)).toList();
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("Lee Learner", "ILM-DEMO-0001", "Sam Assessor"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("Kim Learner", "ILM-DEMO-0002"));
    }

    @Test
    void aLearnerSeesNoGridOfLearnersOnlyTheirOwnQualification() {
        openAs("learner2", "");
        _assertNone(LearnersGrid.class);
        String mine = _get(Section.class, spec -> spec.withId("learner-home")).getElement().getTextRecursively();
        assertThat(mine).contains("8580", "ILM-DEMO-0002").doesNotContain("ILM-DEMO-0001");
    }

    @Test
    void anEqaWithoutAccessIsToldSo() {
        openAs("eqa", "");
        _assertNone(LearnersGrid.class);
        Paragraph empty = _get(Paragraph.class, spec -> spec.withClasses("empty-state"));
        assertThat(empty.getText()).contains("not been given access");
    }
}
