package app.earmark.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Object-level refusals: records the refusal, then hands back the exception to throw. */
@Component
public class AccessGuard {

    private final ApplicationEventPublisher events;
    private final CurrentUser currentUser;

    AccessGuard(ApplicationEventPublisher events, CurrentUser currentUser) {
        this.events = events;
        this.currentUser = currentUser;
    }

    /**
     * @param subject what was asked for, e.g. {@code learner:12}
     * @param message what the person is told, e.g. "You may not see learner 12"
     */
    public AccessRefusedException refuse(String subject, String message) {
        events.publishEvent(new AccessRefused(currentUser.actorName(), subject, message));
        return new AccessRefusedException(message);
    }
}
