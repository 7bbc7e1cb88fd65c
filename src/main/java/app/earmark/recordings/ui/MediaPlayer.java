package app.earmark.recordings.ui;

import app.earmark.recordings.RecordingSummary;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;

/** The browser's own player (HTML5 audio or video element) for a ready recording. */
@Tag("div")
class MediaPlayer extends Component {

    MediaPlayer(RecordingSummary recording) {
        var element = new com.vaadin.flow.dom.Element(recording.isVideo() ? "video" : "audio");
        element.setAttribute("controls", true);
        element.setAttribute("preload", "metadata");
        element.setAttribute("src", recording.renditionUrl());
        element.setAttribute("id", "player-" + recording.id());
        element.getClassList().add("recording-player");
        if (recording.posterUrl() != null) {
            element.setAttribute("poster", recording.posterUrl());
        }
        element.getStyle().set("width", "100%");
        if (recording.isVideo()) {
            element.getStyle().set("max-height", "60vh").set("background", "black");
        }
        getElement().appendChild(element);
    }
}
