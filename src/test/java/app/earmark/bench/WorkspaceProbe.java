package app.earmark.bench;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;

/**
 * What the browser says about one opening of {@code <earmark-workspace>}: a script added to every page before its own
 * scripts run catches the component's {@code workspace-ready} event (and the player's {@code loadedmetadata}, and long
 * tasks) with listeners in the capture phase on {@code window}, timed with {@code performance.now()}, whose zero is
 * the navigation's start ({@code performance.timeOrigin}). The component's own marks and the Navigation and Resource
 * Timing entries tell where the time went.
 */
final class WorkspaceProbe {

    static final String INIT_SCRIPT = """
            (() => {
              const m = window.__earmarkBench = { longTasks: [], enters: [] };
              window.addEventListener('keydown', (e) => {
                if (e.key === 'Enter') { m.enters.push(e.timeStamp); }
              }, true);
              window.addEventListener('workspace-ready', (e) => {
                if (!m.ready) { m.ready = { at: performance.now(), detail: e.detail }; }
              }, true);
              window.addEventListener('loadedmetadata', (e) => {
                if (e.target && e.target.id === 'player' && m.metadata === undefined) {
                  m.metadata = performance.now();
                }
              }, true);
              try {
                new PerformanceObserver((list) => {
                  for (const t of list.getEntries()) { m.longTasks.push([t.startTime, t.duration]); }
                }).observe({ type: 'longtask', buffered: true });
              } catch (e) { /* no long task timing */ }
            })();
            """;

    private static final String COLLECT = """
            () => {
              const m = window.__earmarkBench;
              const mark = (n) => { const e = performance.getEntriesByName(n, 'mark'); return e.length ? e[e.length - 1].startTime : null; };
              const nav = performance.getEntriesByType('navigation')[0];
              const resources = performance.getEntriesByType('resource');
              const peaks = resources.filter((r) => r.name.includes('/peaks/'));
              const init = resources.filter((r) => r.name.includes('v-r=init'));
              const uidl = resources.filter((r) => r.name.includes('v-r=uidl'));
              const route = uidl.length ? uidl[0] : null;
              const lazy = route ? resources.filter((r) => r.name.includes('/VAADIN/build/') && r.startTime >= route.responseEnd) : [];
              const w = document.querySelector('#workspace');
              const long = m.longTasks.filter(([start]) => start < m.ready.at);
              return {
                readyAt: m.ready.at, componentMs: m.ready.detail.ms, drawn: m.ready.detail.drawnTagCount,
                waveform: m.ready.detail.waveform,
                responseEnd: nav ? nav.responseEnd : null,
                domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
                initEnd: init.length ? init[0].responseEnd : null,
                routeSent: route ? route.startTime : null, routeRequestStart: route ? route.requestStart : null,
                routeResponseStart: route ? route.responseStart : null, routeEnd: route ? route.responseEnd : null,
                routeBytes: route ? route.encodedBodySize : null,
                lazyEnd: lazy.length ? Math.max(...lazy.map((r) => r.responseEnd)) : null,
                connected: mark('earmark-workspace:connected'), setup: mark('earmark-workspace:setup'),
                loaded: mark('earmark-workspace:loaded'), readyMark: mark('earmark-workspace:ready'),
                peaksStart: peaks.length ? peaks[0].startTime : null, peaksEnd: peaks.length ? peaks[0].responseEnd : null,
                peaksBytes: peaks.length ? peaks[0].encodedBodySize : null,
                longTaskMs: long.reduce((sum, [, d]) => sum + d, 0), longTaskCount: long.length,
                listed: w ? w.querySelectorAll('.tag-item').length : 0,
                canvases: w ? w.querySelectorAll('.waveform-zoomview canvas, .waveform-overview canvas').length : 0,
                metadata: m.metadata === undefined ? null : m.metadata,
              };
            }""";

    private WorkspaceProbe() {
    }

    /**
     * One opening, in ms from the navigation's start: {@code readyAtMs} the {@code workspace-ready} event,
     * {@code componentMs} the event's own figure (from the element's {@code connectedCallback}), the marks the
     * component sets (connected, setup, peaks loaded, ready), the page's HTML and Vaadin's first answer, the peaks
     * file's fetch, the main thread's long tasks before ready, what is on screen, and when the player had the
     * recording's metadata. {@code route…} is Vaadin's first request after its bootstrap (the client-side router
     * asking the server for the route's view: the server's navigation, and the view's components and attributes in
     * the answer), {@code lazyEnd} when the last script chunk loaded after that answer arrived.
     */
    record Opening(double readyAtMs, double componentMs, int drawnTagCount, boolean waveform, Double responseEnd,
            Double domContentLoaded, Double initEnd, Double routeSent, Double routeRequestStart,
            Double routeResponseStart, Double routeEnd, Double routeBytes, Double lazyEnd, Double connected,
            Double setup, Double loaded, Double readyMark, Double peaksStart, Double peaksEnd, Double peaksBytes,
            double longTaskMs, int longTaskCount, int listedTags, int canvases, Double metadataAtMs) {
    }

    /**
     * Waits for the workspace on the page (navigated already) to dispatch {@code workspace-ready}; with
     * {@code metadata}, also for the player to have the recording's metadata.
     */
    static Opening awaitReady(Page page, boolean metadata) {
        page.waitForFunction("() => window.__earmarkBench && window.__earmarkBench.ready !== undefined");
        if (metadata) {
            page.waitForFunction("() => window.__earmarkBench.metadata !== undefined");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) page.evaluate(COLLECT);
        return new Opening(number(v, "readyAt"), number(v, "componentMs"), (int) number(v, "drawn"),
                Boolean.TRUE.equals(v.get("waveform")), optional(v, "responseEnd"), optional(v, "domContentLoaded"),
                optional(v, "initEnd"), optional(v, "routeSent"), optional(v, "routeRequestStart"),
                optional(v, "routeResponseStart"), optional(v, "routeEnd"), optional(v, "routeBytes"),
                optional(v, "lazyEnd"), optional(v, "connected"), optional(v, "setup"), optional(v, "loaded"),
                optional(v, "readyMark"), optional(v, "peaksStart"), optional(v, "peaksEnd"), optional(v, "peaksBytes"),
                number(v, "longTaskMs"), (int) number(v, "longTaskCount"), (int) number(v, "listed"),
                (int) number(v, "canvases"), optional(v, "metadata"));
    }

    /**
     * Enter key presses (keydown time stamps) and the requests that made tags (start, request start, response
     * start, end, bytes).
     */
    record KeyTraffic(List<Double> enters, List<List<Double>> tagRequests) {
    }

    /** The Enter key presses and the requests that made tags since the page opened. */
    @SuppressWarnings("unchecked")
    static KeyTraffic keyTraffic(Page page) {
        Map<String, Object> v = (Map<String, Object>) page.evaluate("() => ({ enters: window.__earmarkBench.enters,"
                + " tags: performance.getEntriesByType('resource').filter((r) => /\\/recordings\\/\\d+\\/tags$/.test(r.name))"
                + ".map((r) => [r.startTime, r.requestStart, r.responseStart, r.responseEnd, r.encodedBodySize,"
                + " ((r.serverTiming || []).find((t) => t.name === 'tag') || { duration: -1 }).duration]) })");
        List<Double> enters = ((List<Object>) v.get("enters")).stream().map(o -> ((Number) o).doubleValue()).toList();
        List<List<Double>> tagRequests = ((List<Object>) v.get("tags")).stream().map(o -> ((List<Object>) o).stream()
                .map(x -> ((Number) x).doubleValue()).toList()).toList();
        return new KeyTraffic(enters, tagRequests);
    }

    private static double number(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalStateException("The page did not report " + key + ": " + values);
        }
        return n.doubleValue();
    }

    private static Double optional(Map<String, Object> values, String key) {
        return values.get(key) instanceof Number n ? n.doubleValue() : null;
    }
}
