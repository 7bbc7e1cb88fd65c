package app.earmark.sheets.ui;

import app.earmark.base.TimeFormat;
import app.earmark.recordings.RecordingSummary;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * The browser's own player for a ready recording, with the discussion's AC map as a chapters track. It
 * starts at a given moment and plays; where the browser will not start playing by itself, it offers a
 * "Play from …" button instead. The AC map entry being played is highlighted as it plays.
 */
@Tag("div")
class PlaybackPlayer extends Component {

    /** Seeks when the media can seek, then plays; answers "playing", "blocked" or "error". */
    private static final String START = """
            const media = this, at = $0;
            return new Promise(resolve => {
              const go = () => {
                try { media.currentTime = at; } catch (e) { resolve('error'); return; }
                const playing = media.play();
                if (!playing) { resolve(media.paused ? 'blocked' : 'playing'); return; }
                playing.then(() => resolve('playing'),
                    e => resolve(e && e.name === 'NotAllowedError' ? 'blocked' : 'error'));
              };
              if (media.error) { resolve('error'); return; }
              if (media.readyState >= 1) { go(); return; }
              media.addEventListener('loadedmetadata', go, {once: true});
              media.addEventListener('error', () => resolve('error'), {once: true});
            });""";

    /**
     * Marks the AC map entry being played (the last one started at or before the playing moment) with
     * {@code aria-current}, highlighted and scrolled into view, as the recording plays or is moved.
     */
    private static final String FOLLOW_AC_MAP = """
            const media = this;
            const mark = () => {
              const list = document.getElementById('ac-map');
              if (!list) { return; }
              const ms = media.currentTime * 1000 + 250;
              let current = null;
              for (const entry of list.querySelectorAll('.ac-map-entry')) {
                if (Number(entry.dataset.startMs) <= ms) { current = entry; }
              }
              for (const entry of list.querySelectorAll('.ac-map-entry[aria-current]')) {
                if (entry !== current) {
                  entry.removeAttribute('aria-current');
                  entry.style.removeProperty('background');
                  entry.style.removeProperty('font-weight');
                }
              }
              if (current && !current.hasAttribute('aria-current')) {
                current.setAttribute('aria-current', 'true');
                current.style.background = 'var(--lumo-primary-color-10pct)';
                current.style.fontWeight = '600';
                current.scrollIntoView({block: 'nearest'});
              }
            };
            media.addEventListener('timeupdate', mark);
            media.addEventListener('seeked', mark);""";

    private final Element media;
    private final Button playFrom = new Button();
    private final Paragraph problem = new Paragraph();

    PlaybackPlayer(RecordingSummary recording, String chaptersUrl) {
        media = new Element(recording.isVideo() ? "video" : "audio");
        media.setAttribute("id", "playback-media");
        media.setAttribute("controls", true);
        media.setAttribute("preload", "auto");
        media.setAttribute("src", recording.renditionUrl());
        media.getClassList().add("recording-player");
        if (recording.posterUrl() != null) {
            media.setAttribute("poster", recording.posterUrl());
        }
        media.getStyle().set("width", "100%");
        if (recording.isVideo()) {
            media.getStyle().set("max-height", "60vh").set("background", "black");
        }
        var chapters = new Element("track");
        chapters.setAttribute("kind", "chapters");
        chapters.setAttribute("default", true);
        chapters.setAttribute("srclang", "en");
        chapters.setAttribute("label", "AC map");
        chapters.setAttribute("src", chaptersUrl);
        media.appendChild(chapters);
        getElement().appendChild(media);
        media.executeJs(FOLLOW_AC_MAP);

        playFrom.setId("play-from");
        playFrom.setIcon(VaadinIcon.PLAY.create());
        playFrom.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        playFrom.setVisible(false);
        problem.setId("playback-problem");
        problem.addClassNames(LumoUtility.TextColor.ERROR);
        problem.setVisible(false);
        getElement().appendChild(playFrom.getElement(), problem.getElement());
        getElement().getStyle().set("flex", "2 1 32rem").set("min-width", "0");
    }

    /** Opens the recording at this moment and plays it, or offers the button where the browser will not. */
    void start(long millis, boolean autoplay) {
        playFrom.setText("Play from " + TimeFormat.counter(millis));
        // Plays within the click itself, so that browsers that only allow playing on a gesture allow it.
        playFrom.getElement().executeJs("""
                this.addEventListener('click', () => {
                  const media = document.getElementById('playback-media');
                  media.currentTime = $0;
                  media.play().catch(() => {});
                });""", millis / 1000.0);
        playFrom.addClickListener(e -> playFrom.setVisible(false));
        if (!autoplay) {
            playFrom.setVisible(true);
            return;
        }
        media.executeJs(START, millis / 1000.0).then(String.class, result -> {
            switch (result) {
                case "playing" -> playFrom.setVisible(false);
                case "blocked" -> playFrom.setVisible(true);
                default -> {
                    problem.setText("The recording could not be played in this browser. Try again, or download it"
                            + " from the discussion's page.");
                    problem.setVisible(true);
                }
            }
        });
    }

    /** Jumps to a moment and plays from there (after a click, so the browser allows it). */
    void seek(long millis) {
        playFrom.setVisible(false);
        media.executeJs("this.currentTime = $0; const p = this.play(); if (p) { p.catch(() => {}); }",
                millis / 1000.0);
    }
}
