package app.earmark.recordings.ui;

import app.earmark.security.PageTokens;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;

/** The resumable upload of one recording (the {@code <earmark-upload>} web component, tus-js-client). */
@Tag("earmark-upload")
@JsModule("./earmark-upload.ts")
@NpmPackage(value = "tus-js-client", version = "4.3.1")
class RecordingUpload extends Component {

    RecordingUpload(long discussionId, long maxBytes) {
        getElement().setAttribute("endpoint", "/uploads");
        getElement().setAttribute("discussion", String.valueOf(discussionId));
        getElement().setAttribute("max-size", String.valueOf(maxBytes));
        PageTokens.putOn(getElement());
    }

    Registration addCompleteListener(com.vaadin.flow.component.ComponentEventListener<Completed> listener) {
        return addListener(Completed.class, listener);
    }

    Registration addErrorListener(com.vaadin.flow.component.ComponentEventListener<Failed> listener) {
        return addListener(Failed.class, listener);
    }

    /** The last byte arrived and the server took the recording. */
    @DomEvent("upload-complete")
    public static class Completed extends ComponentEvent<RecordingUpload> {
        public Completed(RecordingUpload source, boolean fromClient) {
            super(source, fromClient);
        }
    }

    /** The upload was refused or stopped; the message says why. */
    @DomEvent("upload-error")
    public static class Failed extends ComponentEvent<RecordingUpload> {
        private final String message;

        public Failed(RecordingUpload source, boolean fromClient, @EventData("event.detail.message") String message) {
            super(source, fromClient);
            this.message = message;
        }

        String message() {
            return message;
        }
    }
}
