package app.earmark.sheets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An AC map as JSON: the discussion, its units and recordings, and one entry per tag in time order with its time
 * counter, start and end in milliseconds, ACs, note and the absolute link that opens the recording there.
 */
final class AcMapJson {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private AcMapJson() {
    }

    record Document(long discussionId, List<String> units, List<AcMap.Recording> recordings, List<Entry> entries) {
    }

    record Entry(long tagId, long recordingId, String counter, long startMs, Long endMs, List<String> acs, String note,
            String link) {
    }

    static Document document(AcMap map, UnaryOperator<String> link) {
        return new Document(map.discussionId(), map.units(), map.recordings(), map.entries().stream()
                .map(e -> new Entry(e.at().tagId(), e.at().recordingId(), e.counter(), e.at().startMs(), e.at().endMs(),
                        e.acs(), e.note(), link.apply(e.at().playbackPath())))
                .toList());
    }

    static byte[] write(AcMap map, UnaryOperator<String> link) {
        try {
            return JSON.writeValueAsBytes(document(map, link));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
