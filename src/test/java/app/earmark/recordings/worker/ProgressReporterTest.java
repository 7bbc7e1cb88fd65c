package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress over the passes, from the input position, at most four messages a second. */
class ProgressReporterTest {

    private final List<WorkerMessage> messages = new ArrayList<>();
    private long now;
    private final ProgressReporter progress = new ProgressReporter(messages::add, 1000, () -> now);

    @Test
    void mapsEachPassOntoItsShareOfTheWhole() {
        progress.pass(0, 0.2);
        at(500, 300);
        progress.pass(0.2, 1);
        at(500, 300);
        at(1000, 300);

        assertThat(messages).containsExactly(new WorkerMessage.Progress(0.1), new WorkerMessage.Progress(0.6),
                new WorkerMessage.Progress(1.0));
    }

    @Test
    void reportsAtMostFourTimesASecondAndNeverBackwards() {
        progress.pass(0, 1);
        for (int position = 0; position <= 1000; position++) {
            at(position, 1);
        }
        at(10, 500);

        assertThat(messages).hasSize(4);
        assertThat(messages).extracting(message -> ((WorkerMessage.Progress) message).fraction())
                .isSorted()
                .allSatisfy(fraction -> assertThat(fraction).isBetween(0.0, 1.0));
    }

    private void at(long position, long millisLater) {
        now += millisLater * 1_000_000;
        progress.at(position);
    }
}
