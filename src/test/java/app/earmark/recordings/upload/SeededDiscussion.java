package app.earmark.recordings.upload;

import app.earmark.recordings.RecordingFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * For a test that runs Earmark as a separate process: once it is ready, a discussion between the demo assessor and
 * learner, its id written to the file named by {@code earmark.test.seed-discussion} (once: a restarted server keeps
 * the first).
 */
@Component
@ConditionalOnProperty("earmark.test.seed-discussion")
class SeededDiscussion {

    private final RecordingFixtures fixtures;
    private final Path file;

    SeededDiscussion(RecordingFixtures fixtures, @Value("${earmark.test.seed-discussion}") String file) {
        this.fixtures = fixtures;
        this.file = Path.of(file);
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (Files.exists(file)) {
            return;
        }
        try {
            Path temporary = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"),
                    String.valueOf(fixtures.discussionWithLearner().id()));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
