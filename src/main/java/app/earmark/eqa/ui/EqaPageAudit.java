package app.earmark.eqa.ui;

import app.earmark.eqa.EqaEvents.EqaAccessed;
import app.earmark.security.CurrentUser;
import app.earmark.security.Role;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Audits every page an EQA opens (each navigation, with its address). */
@Component
class EqaPageAudit implements VaadinServiceInitListener {

    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    EqaPageAudit(CurrentUser currentUser, ApplicationEventPublisher events) {
        this.currentUser = currentUser;
        this.events = events;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addAfterNavigationListener(navigation ->
                currentUser.find().filter(me -> me.hasRole(Role.EQA)).ifPresent(me -> events.publishEvent(
                        new EqaAccessed(me.getUsername(), "page /" + navigation.getLocation().getPathWithQueryParameters(),
                                0)))));
    }
}
