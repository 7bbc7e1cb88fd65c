package app.earmark.security;

import com.vaadin.flow.server.CustomizedSystemMessages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * What a page shows when its session has ended (the server restarted, its node died, the person was signed out):
 * a notice, not Vaadin's default of reloading the page at once. A reload would stop a recording in progress in the
 * middle of a discussion; with the notice, the recorder goes on, keeping its parts in the browser, and sends them once
 * the person has signed in again in another tab ({@link SessionTokens}). Clicking the notice reloads the page, and so
 * does Escape, except while the page records (session-token.ts keeps it from the notice then: it cancels a tag).
 */
@Component
class SessionEndedMessage implements VaadinServiceInitListener {

    static final String CAPTION = "Your Earmark session has ended";
    static final String MESSAGE = "The server restarted, or you were signed out. A recording in progress on this page"
            + " goes on and keeps what it records in this browser: sign in again in another tab, and it is sent."
            + " Click here, or press Esc, to reload this page once you have stopped recording.";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        var messages = new CustomizedSystemMessages();
        messages.setSessionExpiredCaption(CAPTION);
        messages.setSessionExpiredMessage(MESSAGE);
        messages.setSessionExpiredNotificationEnabled(true);
        event.getSource().setSystemMessagesProvider(info -> messages);
    }
}
