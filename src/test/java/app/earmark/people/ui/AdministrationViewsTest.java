package app.earmark.people.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.catalogue.Qualification;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.PersonRef;
import app.earmark.people.Relationship;
import app.earmark.security.Role;
import app.earmark.support.SignedIn;
import app.earmark.support.ViewTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The administrator's pages change what the services hold, through the UI's own controls. */
class AdministrationViewsTest extends ViewTest {

    @Autowired
    PeopleAdmin admin;
    @Autowired
    SignedIn signedIn;

    @Test
    @SuppressWarnings("unchecked")
    void enrolALearnerFromTheEnrolmentsPage() {
        PersonRef learner = signedIn.as("admin", () -> admin.createPerson("ui.enrol", "Una Enrol", "long enough",
                Set.of(Role.LEARNER)));
        openAs("admin", "admin/enrolments");
        ComboBox<PersonRef> learners = _get(ComboBox.class, spec -> spec.withLabel("Learner"));
        _setValue(learners, learner);
        ComboBox<Qualification> qualifications = _get(ComboBox.class, spec -> spec.withLabel("Qualification"));
        _setValue(qualifications, qualifications.getListDataView().getItems()
                .filter(q -> q.code().equals("8580")).findFirst().orElseThrow());
        _setValue(_get(TextField.class, spec -> spec.withLabel("Learner registration no.")), "UI-0042");
        _click(_get(Button.class, spec -> spec.withText("Enrol")));

        Grid<PeopleAdmin.EnrolmentRow> grid = _get(Grid.class);
        var rows = IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._getFormattedRow(grid, i)).toList();
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("Una Enrol", "8580", "UI-0042"));
    }
}
