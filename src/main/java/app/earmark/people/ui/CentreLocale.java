package app.earmark.people.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.people.People;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Sets each UI's locale once, when it is created: the signed-in person's centre's (default en-GB), else the
 * browser's. Date and time pickers, grids and every {@link DisplayFormats} call in the UI follow it.
 */
@Component
class CentreLocale implements VaadinServiceInitListener {

    private final People people;

    CentreLocale(People people) {
        this.people = people;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().setLocale(localeFor(VaadinRequest.getCurrent())));
    }

    Locale localeFor(VaadinRequest request) {
        return people.centreLocale().orElseGet(() -> browserLocale(request));
    }

    private static Locale browserLocale(VaadinRequest request) {
        Locale browser = request == null ? null : request.getLocale();
        return browser == null || browser.getLanguage().isEmpty() ? DisplayFormats.DEFAULT : browser;
    }
}
