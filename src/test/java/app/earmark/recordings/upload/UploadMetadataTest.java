package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UploadMetadataTest {

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheDiscussionAndFileName() {
        var metadata = UploadMetadata.parse("filename " + b64("Sam – talk.m4a") + ",discussion " + b64("42") + ",empty");
        assertThat(metadata.discussionId()).isEqualTo(42L);
        assertThat(metadata.fileName()).isEqualTo("Sam – talk.m4a");
    }

    @Test
    void aMissingOrMalformedDiscussionIsNone() {
        assertThat(UploadMetadata.parse(null).discussionId()).isNull();
        assertThat(UploadMetadata.parse("discussion " + b64("42; drop table")).discussionId()).isNull();
        assertThat(UploadMetadata.parse("discussion !!notbase64").discussionId()).isNull();
    }
}
