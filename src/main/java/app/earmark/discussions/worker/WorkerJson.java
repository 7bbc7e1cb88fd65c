package app.earmark.discussions.worker;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one mapper for protocol lines. */
final class WorkerJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private WorkerJson() {
    }
}
