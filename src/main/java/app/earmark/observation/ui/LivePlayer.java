package app.earmark.observation.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.page.PendingJavaScriptResult;
import com.vaadin.flow.shared.Registration;

/** The {@code <earmark-live-player>} web component: a live recording, a few seconds behind, with a level meter. */
@Tag("earmark-live-player")
@JsModule("./observation/earmark-live-player.ts")
class LivePlayer extends Component {

    LivePlayer(long recordingId) {
        setId("live-player");
        getElement().setAttribute("parts-url", "/observation/live/" + recordingId + "/parts");
    }

    /** Where the IQA is in the recording now, in seconds. */
    PendingJavaScriptResult currentTime() {
        return getElement().executeJs("return this.currentTime");
    }

    Registration addEndedListener(ComponentEventListener<Ended> listener) {
        return addListener(Ended.class, listener);
    }

    /** The recording stopped. */
    @DomEvent("live-ended")
    public static class Ended extends ComponentEvent<LivePlayer> {
        public Ended(LivePlayer source, boolean fromClient) {
            super(source, fromClient);
        }
    }
}
