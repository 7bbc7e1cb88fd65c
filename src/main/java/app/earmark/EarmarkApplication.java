package app.earmark;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Earmark: record professional discussions, tag moments against assessment criteria, and produce the
 * time-coded AC maps that quality assurers play back.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Push
@Theme("earmark")
public class EarmarkApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(EarmarkApplication.class, args);
    }

    /** Earmark's own icon (src/main/resources/META-INF/resources: favicon.ico for old clients, SVG, touch icon). */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", "icons/earmark.svg", "any");
        settings.addLink("apple-touch-icon", "icons/icon.png");
    }
}
