package app.earmark.recordings.ui;

import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * Names the recordings module's own web components to Vaadin's production build. The build finds a component's
 * script by following the code from routes and init listeners; the upload control reaches the discussion page only
 * through an extension point ({@link RecordingsSection}, a Spring bean), which that scan cannot follow, so without
 * this its script is left out of the bundle and the control stays empty. Does nothing at run time.
 */
@Component
@Uses(RecordingUpload.class)
class RecordingsBundleEntry implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        // Only an entry point for the bundle's scan.
    }
}
