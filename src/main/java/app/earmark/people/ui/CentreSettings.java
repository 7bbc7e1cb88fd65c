package app.earmark.people.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.base.ui.Notifications;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.PeopleException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.combobox.ComboBox;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The administrator chooses how the centre's dates and times are shown (default en-GB: 13/12/2026, 14:30). */
class CentreSettings extends Section {

    private static final List<String> CHOICES = List.of("en-GB", "cy-GB", "en-IE", "");

    CentreSettings(PeopleAdmin admin) {
        setId("centre-settings");
        var locale = new ComboBox<String>();
        locale.setId("centre-locale");
        locale.setLabel("Dates and times");
        List<String> items = new ArrayList<>(CHOICES);
        String current = admin.centreLocale();
        if (!items.contains(current)) {
            items.add(0, current);
        }
        locale.setItems(items);
        locale.setItemLabelGenerator(CentreSettings::label);
        locale.setValue(current);
        locale.setAllowCustomValue(false);
        var save = new Button("Save", e -> {
            try {
                admin.changeCentreLocale(locale.getValue());
                Notifications.success("Saved: pages opened from now on show dates and times as "
                        + label(locale.getValue()) + ".");
            } catch (PeopleException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        save.setId("save-centre-locale");
        var row = new HorizontalLayout(locale, save);
        row.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);
        add(new H3("Centre settings"), row);
    }

    private static String label(String tag) {
        if (tag == null || tag.isEmpty()) {
            return "each browser's own format";
        }
        Locale locale = DisplayFormats.parseTag(tag).orElse(DisplayFormats.DEFAULT);
        return tag + " (" + DisplayFormats.date(LocalDate.of(2026, 12, 13), locale) + ", "
                + DisplayFormats.time(LocalTime.of(14, 30), locale) + ")";
    }
}
