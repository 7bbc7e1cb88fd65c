package app.earmark.sheets;

import app.earmark.base.EarmarkProperties;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Earmark's address as people reach it, for the absolute links and QR codes in PDFs, CSV and JSON. It is
 * {@code earmark.sheets.public-url} when that is set. Otherwise it is the address the current request came in on
 * (scheme, host, port and context path): behind a reverse proxy that is the proxy's address only when
 * {@code server.forward-headers-strategy} is set ({@code native} or {@code framework}), so that a client cannot
 * choose the links of a PDF with its own {@code X-Forwarded-*} headers when no proxy sets them. Without a request
 * (work in the background) it is {@code http://localhost:{server.port}}. A server started without the setting (and
 * without {@code earmark.demo=true}) says so at start-up, as a warning.
 */
@Component
public class PublicUrl {

    private static final Logger LOG = LoggerFactory.getLogger(PublicUrl.class);
    private final SheetsProperties properties;
    private final EarmarkProperties earmark;
    private final String fallback;

    PublicUrl(SheetsProperties properties, EarmarkProperties earmark, @Value("${server.port:8080}") int port) {
        this.properties = properties;
        this.earmark = earmark;
        this.fallback = "http://localhost:" + port;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfUnset() {
        if (properties.publicUrl() != null) {
            LOG.info("Links in PDFs, QR codes and exports start with {} (earmark.sheets.public-url)",
                    properties.publicUrl());
        } else if (earmark.demo()) {
            LOG.info("earmark.sheets.public-url is not set: links in PDFs, QR codes and exports use the address each"
                    + " request came in on");
        } else {
            LOG.warn("earmark.sheets.public-url is not set: links in PDFs, QR codes and exports use the address each"
                    + " request came in on, and {} for work done without one. Set it to the address people use to"
                    + " reach Earmark (e.g. https://earmark.example.org); behind a reverse proxy set"
                    + " server.forward-headers-strategy too.", fallback);
        }
    }

    /** The base address, without a trailing slash. */
    public String base() {
        if (properties.publicUrl() != null) {
            return strip(properties.publicUrl().toString());
        }
        HttpServletRequest request = currentRequest();
        return request == null ? fallback : strip(ServletUriComponentsBuilder.fromContextPath(request)
                .replaceQuery(null).build().toUriString());
    }

    /** An Earmark path ("/discussions/7") as an absolute address people can follow. */
    public String absolute(String path) {
        return base() + path;
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest vaadin) {
            return vaadin.getHttpServletRequest();
        }
        return null;
    }

    private static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
