package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.TestMedia;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker as the supervisor runs it: a separate JVM with a small heap, JSON lines on stdout, an exit code. */
class IngestWorkerProcessTest {

    @TempDir
    Path dir;

    record Run(int exitCode, List<WorkerMessage> messages, String stderr) {
    }

    @Test
    void ingestsARecording() throws Exception {
        Path output = Files.createDirectory(dir.resolve("out"));
        Run run = worker("--input", TestMedia.mp4H264Aac(dir, 6, 320, 240).toString(), "--output-dir",
                output.toString(), "--max-duration-seconds", "3600");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(IngestWorker.EXIT_DONE);
        assertThat(run.messages().subList(0, 3)).extracting(message -> message.getClass().getSimpleName())
                .containsExactly("PhaseStarted", "Probed", "PhaseStarted");
        assertThat(run.messages()).filteredOn(WorkerMessage.Progress.class::isInstance)
                .allSatisfy(message -> assertThat(((WorkerMessage.Progress) message).fraction()).isBetween(0.0, 1.0));
        WorkerMessage last = run.messages().get(run.messages().size() - 1);
        assertThat(last).isInstanceOf(WorkerMessage.Done.class);
        IngestResult result = ((WorkerMessage.Done) last).result();
        assertThat(result.rendition().remuxed()).isTrue();
        assertThat(output.resolve(result.rendition().fileName())).isNotEmptyFile();
        assertThat(output.resolve("poster.jpg")).isNotEmptyFile();
    }

    @Test
    void refusesAHostileFile() throws Exception {
        Path output = Files.createDirectory(dir.resolve("out"));
        Run run = worker("--input", TestMedia.textAsMp4(dir).toString(), "--output-dir", output.toString(),
                "--max-duration-seconds", "3600");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(IngestWorker.EXIT_FAILED);
        assertThat(run.messages()).last().isEqualTo(new WorkerMessage.Failed(FailureCode.NOT_MEDIA,
                "The file is not an audio or video recording: it looks like a text file."));
    }

    @Test
    void refusesABadCommandLine() throws Exception {
        Run run = worker("--input", "x.mp4");

        assertThat(run.exitCode()).isEqualTo(IngestWorker.EXIT_USAGE);
        assertThat(run.messages()).isEmpty();
        assertThat(run.stderr()).contains("Usage:");
    }

    @Test
    void aStandbyWorkerLoadsFfmpegThenTakesItsJobFromStandardInput() throws Exception {
        Path output = Files.createDirectory(dir.resolve("out"));
        Path input = TestMedia.m4aAac(dir, 4);
        Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), IngestWorker.class.getName(), "--standby")
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        List<WorkerMessage> messages = new ArrayList<>();
        try (var lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
                var in = new OutputStreamWriter(worker.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(WorkerMessage.fromJson(lines.readLine())).isEqualTo(new WorkerMessage.Ready(worker.pid()));
            assertThat(output).isEmptyDirectory();
            in.write(WorkerJson.MAPPER.writeValueAsString(List.of("--input", input.toString(), "--output-dir",
                    output.toString(), "--max-duration-seconds", "3600")) + "\n");
            in.flush();
            String line;
            while ((line = lines.readLine()) != null) {
                messages.add(WorkerMessage.fromJson(line));
            }
        }
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).as(Files.readString(dir.resolve("stderr.txt")))
                .isEqualTo(IngestWorker.EXIT_DONE);
        assertThat(messages).last().isInstanceOf(WorkerMessage.Done.class);
        IngestResult result = ((WorkerMessage.Done) messages.get(messages.size() - 1)).result();
        assertThat(output.resolve(result.rendition().fileName())).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("Waited", "for a job");
    }

    private Run worker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                IngestWorker.class.getName()));
        command.addAll(List.of(args));
        File stderr = dir.resolve("stderr.txt").toFile();
        // stderr goes to a file and stdout is read to its end here, so neither pipe can fill up and block the worker.
        Process process = new ProcessBuilder(command).redirectError(stderr).start();
        List<WorkerMessage> messages = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                messages.add(WorkerMessage.fromJson(line));
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The worker did not finish within a minute");
        }
        return new Run(process.exitValue(), messages, Files.readString(stderr.toPath()));
    }
}
