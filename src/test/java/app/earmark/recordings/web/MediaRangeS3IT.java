package app.earmark.recordings.web;

import app.earmark.recordings.media.S3MediaStore;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.media.S3Properties;
import app.earmark.recordings.media.S3ProxyServer;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Range semantics with the S3 store (a real S3Proxy), proxied through Earmark: the same as the folder store's. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-range-s3;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("test")
class MediaRangeS3IT extends MediaRangeContract {

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        S3ProxyServer.shared().register(registry, Paths.get("target/test-media-cache-range").toAbsolutePath(),
                S3Properties.Streaming.PROXY);
    }

    @Autowired
    MediaStore store;

    @Test
    void theStoreIsS3() {
        assertThat(store).isInstanceOf(S3MediaStore.class);
    }
}
