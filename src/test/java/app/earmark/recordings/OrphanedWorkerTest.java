package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker whose supervisor is killed ends at once and removes what it had half-written. */
class OrphanedWorkerTest {

    @TempDir
    Path dir;

    @Test
    void anIngestWorkerEndsWhenItsSupervisorIsKilled() throws Exception {
        // Long enough that the worker is still converting it well after the supervisor is killed.
        Path input = TestMedia.wavPcm(dir, 240);
        Path output = Files.createDirectory(dir.resolve("work"));
        Process supervisor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), SupervisorStandIn.class.getName(),
                input.toString(), output.toString(), dir.resolve("logs").toString())
                .redirectError(dir.resolve("supervisor.err").toFile()).start();
        ProcessHandle worker;
        try {
            var lines = new BufferedReader(new InputStreamReader(supervisor.getInputStream(), StandardCharsets.UTF_8));
            String line = lines.readLine();
            assertThat(line).as(Files.readString(dir.resolve("supervisor.err"))).startsWith("worker ");
            worker = ProcessHandle.of(Long.parseLong(line.substring("worker ".length()))).orElseThrow();
        } finally {
            // kill -9: no shutdown hook, nothing closed in an orderly way.
            supervisor.destroyForcibly();
        }
        assertThat(supervisor.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(worker.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).get())
                .as("the worker has ended within 5 s of its supervisor's death").isNotNull();
        assertThat(worker.isAlive()).isFalse();
        assertThat(output).as("what the worker had half-written is removed").isEmptyDirectory();
    }
}
