package app.earmark.bench;

import app.earmark.EarmarkApplication;
import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.media.S3Properties;
import app.earmark.recordings.media.S3ProxyServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An Earmark application context on the S3 media store (S3Proxy, {@link S3ProxyServer#shared()}), started beside the
 * benchmark's own, on its own port and in-memory database, with a ready recording of the benchmark's file uploaded
 * into the bucket the way ingest publishes it.
 */
final class ObjectStoreNodes {

    private ObjectStoreNodes() {
    }

    /** A running context, the recording it serves and a signed-in learner's session on it. */
    record Node(ConfigurableApplicationContext context, String base, long recordingId, EarmarkSession session)
            implements AutoCloseable {

        String renditionUrl() {
            return base + "/media/recordings/" + recordingId + "/rendition";
        }

        @Override
        public void close() {
            context.close();
        }
    }

    static Node start(String name, S3Properties.Streaming streaming, BigFile file, String fileName)
            throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", "jdbc:h2:mem:earmark-bench-" + name + ";MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        properties.put("earmark.media-store", "target/bench-" + name + "-store");
        properties.put("earmark.data-dir", "target/bench-" + name + "-data");
        properties.put("earmark.search.directory", "target/test-search/" + UUID.randomUUID());
        properties.put("earmark.s3.presigned-url-lifetime", "2h");
        List<String> s3 = S3ProxyServer.shared().springProperties(Bench.dir("bench-" + name + "-cache")
                .toAbsolutePath(), streaming);
        for (String property : s3) {
            int eq = property.indexOf('=');
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        // As command-line arguments: they override application.properties (default properties would not).
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EarmarkApplication.class)
                .profiles("test").run(arguments);
        try {
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            long discussion = context.getBean(RecordingFixtures.class).discussionWithLearner().id();
            long recording = context.getBean(BenchmarkFixtures.class).readyRecordingId(discussion, file.file(),
                    fileName, "video/mp4");
            return new Node(context, base, recording, EarmarkSession.signIn(base, "learner", "demo"));
        } catch (Exception | Error e) {
            context.close();
            throw e;
        }
    }
}
