package app.earmark.review.ui;

import app.earmark.recordings.RecordingSummary;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.dom.Element;

/** The browser's own player for the reviewed recording, with the discussion's AC map as a chapters track. */
@Tag("div")
class ReviewPlayer extends Component {

    private final Element media;

    ReviewPlayer(RecordingSummary recording, long discussionId) {
        media = new Element(recording.isVideo() ? "video" : "audio");
        media.setAttribute("id", "review-media");
        media.setAttribute("controls", true);
        media.setAttribute("preload", "auto");
        media.setAttribute("aria-label", "Recording " + recording.originalName());
        media.setAttribute("src", recording.renditionUrl());
        if (recording.posterUrl() != null) {
            media.setAttribute("poster", recording.posterUrl());
        }
        media.getStyle().set("width", "100%");
        if (recording.isVideo()) {
            media.getStyle().set("max-height", "50vh").set("background", "black");
        }
        var chapters = new Element("track");
        chapters.setAttribute("kind", "chapters");
        chapters.setAttribute("default", true);
        chapters.setAttribute("srclang", "en");
        chapters.setAttribute("label", "AC map");
        chapters.setAttribute("src", "/exports/discussions/" + discussionId + "/ac-map.vtt?recording=" + recording.id());
        media.appendChild(chapters);
        getElement().appendChild(media);
        getElement().getStyle().set("flex", "2 1 30rem").set("min-width", "0");
    }

    /** Jumps to a moment and plays from there (after a click, so the browser allows it). */
    void seek(long millis) {
        media.executeJs("""
                const media = this, at = $0;
                const go = () => { media.currentTime = at; const p = media.play(); if (p) { p.catch(() => {}); } };
                if (media.readyState >= 1) { go(); } else { media.addEventListener('loadedmetadata', go, {once: true}); }""",
                millis / 1000.0);
    }
}
