package app.earmark.recordings.worker;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one mapper for protocol lines. */
final class WorkerJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private WorkerJson() {
    }
}
