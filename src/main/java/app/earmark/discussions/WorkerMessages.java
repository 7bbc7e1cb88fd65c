package app.earmark.discussions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the ingest worker's JSON messages (the protocol is described on the worker's main class). */
final class WorkerMessages {

    private WorkerMessages() {
    }

    static Recording.MediaFacts facts(JsonNode probe) {
        JsonNode audio = probe.path("audio");
        JsonNode video = probe.path("video");
        return new Recording.MediaFacts(text(probe, "container"), longValue(probe, "durationMillis"),
                text(audio, "codec"), intValue(audio, "channels"), intValue(audio, "sampleRate"),
                text(video, "codec"), intValue(video, "width"), intValue(video, "height"));
    }

    static Recording.Rendition rendition(JsonNode rendition) {
        return new Recording.Rendition(text(rendition, "fileName"), text(rendition, "mimeType"),
                rendition.path("remuxed").asBoolean(), rendition.path("size").asLong());
    }

    static List<PeakLevels.Level> peaks(JsonNode peaks) {
        List<PeakLevels.Level> levels = new ArrayList<>();
        peaks.forEach(level -> levels.add(new PeakLevels.Level(text(level, "fileName"),
                level.path("samplesPerPixel").asInt(), level.path("sampleRate").asInt(), level.path("length").asLong())));
        return levels;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    static Long longValue(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asLong() : null;
    }

    static Integer intValue(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asInt() : null;
    }
}
