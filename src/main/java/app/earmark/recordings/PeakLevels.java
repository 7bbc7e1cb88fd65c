package app.earmark.recordings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The waveform zoom levels ingest wrote for a recording, stored as a small JSON list. */
public final class PeakLevels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PeakLevels() {
    }

    /**
     * One level of peaks in audiowaveform's binary format (version 2, 8-bit, one channel), which
     * waveform-data.js and peaks.js read directly.
     */
    public record Level(String fileName, int samplesPerPixel, int sampleRate, long length) {
    }

    static String toJson(List<Level> levels) {
        try {
            return JSON.writeValueAsString(levels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Level> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<Level>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored peak levels unreadable", e);
        }
    }
}
