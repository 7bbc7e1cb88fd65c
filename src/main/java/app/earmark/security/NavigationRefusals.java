package app.earmark.security;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.auth.AccessCheckDecision;
import com.vaadin.flow.server.auth.AccessCheckResult;
import com.vaadin.flow.server.auth.NavigationAccessChecker;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import com.vaadin.flow.server.auth.NavigationContext;
import com.vaadin.flow.spring.security.NavigationAccessControlConfigurer;
import com.vaadin.flow.spring.security.SpringNavigationAccessControl;
import java.util.Collection;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Records a refused page only when a person navigates to it. Vaadin asks the same access control
 * whether each menu entry may be shown (and whether a request may pass the filter chain); those are
 * questions about what to offer, not requests, and are never audited.
 */
@Configuration(proxyBeanMethods = false)
class NavigationRefusals {

    /**
     * Takes the place of Vaadin's own navigation access control (same checkers, same configuration),
     * so the UI, the menu and the security filter all use this one.
     */
    @Bean
    @Primary
    static NavigationAccessControl refusalAuditingNavigationAccessControl(List<NavigationAccessChecker> checkers,
            NavigationAccessControlConfigurer configurer, ApplicationEventPublisher events) {
        return configurer.build((configured, resolver) -> new Audited(configured, resolver, events), checkers);
    }

    /** Vaadin's Spring access control that publishes {@link AccessRefused} for a refused navigation. */
    static final class Audited extends SpringNavigationAccessControl {

        private final ApplicationEventPublisher events;
        private final ThreadLocal<Boolean> navigating = new ThreadLocal<>();

        Audited(Collection<NavigationAccessChecker> checkers,
                com.vaadin.flow.server.auth.AccessCheckDecisionResolver resolver, ApplicationEventPublisher events) {
            super(checkers, resolver);
            this.events = events;
        }

        @Override
        public void beforeEnter(BeforeEnterEvent event) {
            navigating.set(Boolean.TRUE);
            try {
                super.beforeEnter(event);
            } finally {
                navigating.remove();
            }
        }

        @Override
        public AccessCheckResult checkAccess(NavigationContext context, boolean productionMode) {
            AccessCheckResult result = super.checkAccess(context, productionMode);
            if (navigating.get() != null && result.decision() == AccessCheckDecision.DENY
                    && context.getPrincipal() != null) {
                String path = "/" + context.getLocation().getPath();
                events.publishEvent(new AccessRefused(context.getPrincipal().getName(), "view:" + path,
                        "Opening the page " + path + " was refused"));
            }
            return result;
        }
    }
}
