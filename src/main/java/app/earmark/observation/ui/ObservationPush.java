package app.earmark.observation.ui;

import app.earmark.observation.LiveObservations;
import app.earmark.observation.ObservationHub;
import app.earmark.observation.ObservationHub.LiveStarted;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Live observation on every page, without the layout knowing this module: an IQA's open pages are told by push
 * when a live recording of a discussion they marked starts; the assessor's and the learner's pages of a discussion
 * show plainly, by push, while an IQA is observing it. Every listener is removed when its UI goes away.
 */
@Component
class ObservationPush implements VaadinServiceInitListener {

    private static final Pattern DISCUSSION_PAGE = Pattern.compile("^discussions/(\\d+)(/(record|workspace|play))?$");

    private final LiveObservations observations;
    private final ObservationHub hub;
    private final CurrentUser currentUser;

    ObservationPush(LiveObservations observations, ObservationHub hub, CurrentUser currentUser) {
        this.observations = observations;
        this.hub = hub;
        this.currentUser = currentUser;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> currentUser.find().ifPresent(me -> attach(init.getUI(), me)));
    }

    private void attach(UI ui, EarmarkPrincipal me) {
        if (me.hasRole(Role.IQA)) {
            Runnable stop = hub.listenAsIqa(me.userId(), started -> ui.access(() -> tellIqa(ui, started)));
            ui.addDetachListener(e -> stop.run());
        }
        var banner = new ObservingBanner(ui);
        ui.addAfterNavigationListener(banner::navigated);
        ui.addDetachListener(e -> banner.stop());
    }

    private static void tellIqa(UI ui, LiveStarted started) {
        var notification = new Notification();
        notification.setPosition(Notification.Position.TOP_END);
        notification.setDuration(0);
        notification.addThemeVariants(NotificationVariant.LUMO_PRIMARY);
        var text = new Span("Live recording started: " + started.learner() + " with " + started.assessor() + ", "
                + started.units() + ".");
        var observe = new Button("Observe live", VaadinIcon.HEADPHONES.create(), e -> {
            notification.close();
            ui.navigate("discussions/" + started.discussionId() + "/observe");
        });
        observe.setId("observe-live-now");
        observe.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
        var close = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> notification.close());
        close.setAriaLabel("Dismiss");
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_CONTRAST);
        var content = new HorizontalLayout(text, observe, close);
        content.setAlignItems(HorizontalLayout.Alignment.CENTER);
        content.setId("live-started-notice");
        content.getElement().setAttribute("data-discussion", String.valueOf(started.discussionId()));
        notification.add(content);
        notification.open();
    }

    /** The "IQA observing" notice of one UI, following it from page to page. */
    private final class ObservingBanner {
        private final UI ui;
        private final Aside aside = new Aside();
        private final Span text = new Span();
        private long discussionId = -1;
        private Runnable stopListening;

        ObservingBanner(UI ui) {
            this.ui = ui;
            aside.setId("iqa-observing");
            aside.getElement().setAttribute("aria-label", "IQA observing");
            text.getElement().setAttribute("role", "status");
            var badge = new Span("IQA observing");
            badge.getStyle().set("background", "var(--lumo-error-color)").set("color", "var(--lumo-error-contrast-color)")
                    .set("font-weight", "600").set("padding", "0 var(--lumo-space-s)")
                    .set("border-radius", "var(--lumo-border-radius-m)");
            aside.add(new Div(badge, text));
            aside.getStyle().set("position", "fixed").set("top", "var(--lumo-space-s)").set("left", "50%")
                    .set("transform", "translateX(-50%)").set("z-index", "1000")
                    .set("background", "var(--lumo-base-color)").set("border", "2px solid var(--lumo-error-color)")
                    .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                    .set("box-shadow", "var(--lumo-box-shadow-m)");
            text.getStyle().set("margin-left", "var(--lumo-space-s)");
            aside.setVisible(false);
        }

        void navigated(AfterNavigationEvent event) {
            Matcher matcher = DISCUSSION_PAGE.matcher(event.getLocation().getPath());
            long id = matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
            if (id == discussionId) {
                return;
            }
            stop();
            discussionId = id;
            Optional<Long> party = id >= 0 && observations.isParty(id) ? Optional.of(id) : Optional.empty();
            party.ifPresent(discussion -> stopListening = hub.listenForObservers(discussion,
                    names -> ui.access(() -> show(discussion, names))));
        }

        private void show(long discussion, List<String> names) {
            if (discussion != discussionId) {
                return;
            }
            if (aside.getParent().isEmpty()) {
                ui.add(aside);
            }
            text.setText(names.isEmpty() ? "" : String.join(", ", names) + (names.size() == 1 ? " is" : " are")
                    + " listening to this live recording, a few seconds behind.");
            aside.setVisible(!names.isEmpty());
        }

        void stop() {
            if (stopListening != null) {
                stopListening.run();
                stopListening = null;
            }
            discussionId = -1;
            aside.setVisible(false);
        }
    }
}
