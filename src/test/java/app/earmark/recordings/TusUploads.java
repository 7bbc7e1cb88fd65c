package app.earmark.recordings;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import app.earmark.support.SignedIn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;

/** Uploads a file through the tus endpoint as an assessor would, and waits for ingest. */
@Component
public class TusUploads {

    private final ObjectProvider<MockMvc> mvc;
    private final UserDetailsService accounts;
    private final SignedIn signedIn;
    private final Recordings recordings;

    /** MockMvc exists only in tests with a mock web environment; browser tests never upload this way. */
    TusUploads(ObjectProvider<MockMvc> mvc, UserDetailsService accounts, SignedIn signedIn, Recordings recordings) {
        this.mvc = mvc;
        this.accounts = accounts;
        this.signedIn = signedIn;
        this.recordings = recordings;
    }

    /** Creates the upload and sends the whole file; returns the creation response (e.g. a refusal). */
    public MockHttpServletResponse upload(long discussionId, String fileName, Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        var user = user(accounts.loadUserByUsername("assessor"));
        String metadata = "filename " + b64(fileName) + ",discussion " + b64(String.valueOf(discussionId));
        MockHttpServletResponse created = mvc.getObject().perform(post("/uploads").with(user).with(csrf())
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", bytes.length)
                .header("Upload-Metadata", metadata)).andReturn().getResponse();
        if (created.getStatus() != 201 || bytes.length == 0) {
            return created;
        }
        mvc.getObject().perform(patch(URI.create(created.getHeader("Location")).getPath()).with(user).with(csrf())
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", 0)
                .contentType("application/offset+octet-stream").content(bytes)).andReturn();
        return created;
    }

    /** The discussion's latest recording, once it satisfies the condition. */
    public RecordingSummary await(long discussionId, Predicate<RecordingSummary> condition, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        RecordingSummary latest = null;
        while (Instant.now().isBefore(deadline)) {
            List<RecordingSummary> found = signedIn.as("assessor", () -> recordings.forDiscussion(discussionId));
            if (!found.isEmpty()) {
                latest = found.get(found.size() - 1);
                if (condition.test(latest)) {
                    return latest;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Recording of discussion " + discussionId + " did not get there in " + timeout
                + "; last seen: " + latest);
    }

    public RecordingSummary awaitSettled(long discussionId) throws InterruptedException {
        return await(discussionId, r -> !r.state().inProgress(), Duration.ofSeconds(90));
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
