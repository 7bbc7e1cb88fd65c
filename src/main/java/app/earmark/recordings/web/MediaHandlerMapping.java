package app.earmark.recordings.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The media endpoints ({@link MediaController}) in a handler mapping of their own, asked before the application's.
 * Spring MVC finds the handler for a path with a variable (such as {@code /media/recordings/{id}/rendition}) by
 * matching it against every mapping of the application, and does so twice per request (once for Spring Security's
 * request matchers, once to dispatch): with a few dozen controllers that was the largest single share of a Range
 * request's time in Spring MVC (docs/benchmarks.md, "Streaming"). Here only the media controller's own mappings are
 * matched. Everything else about the request (argument resolution, Range handling, message converters) is the same
 * Spring MVC as for every other controller; the application's mapping still knows the media paths too but is never
 * reached for them.
 */
@Configuration(proxyBeanMethods = false)
class MediaHandlerMapping {

    /** Before the application's request mappings (order 0); after the actuator's endpoints (order -100). */
    static final int ORDER = -1;

    @Bean
    RequestMappingHandlerMapping mediaRequestMapping() {
        RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping() {
            @Override
            protected boolean isHandler(Class<?> beanType) {
                return MediaController.class.isAssignableFrom(beanType);
            }
        };
        mapping.setOrder(ORDER);
        return mapping;
    }
}
