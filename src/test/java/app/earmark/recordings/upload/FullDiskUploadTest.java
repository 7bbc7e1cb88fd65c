package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import app.earmark.recordings.RecordingFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Uploads onto a full disk: the media store is an 8 MB tmpfs mounted for this test (the tests run as root, here and in
 * CI; without the mount the test fails, it does not skip). The person is told plainly (507), and nothing half-written
 * is left behind holding space.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-full-disk;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class FullDiskUploadTest {

    private static final Path MOUNT = Path.of("target", "full-disk-" + UUID.randomUUID()).toAbsolutePath();

    @Autowired
    MockMvc mvc;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    UserDetailsService accounts;

    @DynamicPropertySource
    static void smallDisk(DynamicPropertyRegistry registry) throws Exception {
        Files.createDirectories(MOUNT);
        run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", MOUNT.toString());
        registry.add("earmark.media-store", MOUNT::toString);
    }

    @AfterAll
    static void unmount() throws Exception {
        run("umount", "-l", MOUNT.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (this test needs root to mount a small"
                    + " tmpfs as the media store): " + output);
        }
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private MockHttpServletResponse create(long discussion, long length) throws Exception {
        return mvc.perform(post("/uploads").with(user(accounts.loadUserByUsername("assessor"))).with(csrf())
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", length)
                .header("Upload-Metadata", "filename " + b64("big.m4a") + ",discussion " + b64(String.valueOf(discussion))))
                .andReturn().getResponse();
    }

    private static long uploadsLeft() throws IOException {
        try (Stream<Path> uploads = Files.list(MOUNT.resolve("incoming/uploads"))) {
            return uploads.count();
        }
    }

    private static void assertToldPlainly(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(507);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).isEqualTo("{\"status\":507,\"error\":\"insufficient_storage\","
                + "\"message\":\"" + UploadController.NO_SPACE + "\"}");
    }

    @Test
    void aChunkThatFillsTheDiskIsToldPlainlyAndTheHalfWrittenUploadRemoved() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        byte[] file = new byte[12 * 1024 * 1024];
        new Random(23).nextBytes(file);
        long uploadsBefore = uploadsLeft();
        MockHttpServletResponse created = create(discussion, file.length);
        assertThat(created.getStatus()).isEqualTo(201);
        long freeBefore = Files.getFileStore(MOUNT).getUsableSpace();

        MockHttpServletResponse sent = mvc.perform(patch(URI.create(created.getHeader("Location")).getPath())
                .with(user(accounts.loadUserByUsername("assessor"))).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", 0).contentType("application/offset+octet-stream").content(file))
                .andReturn().getResponse();

        assertToldPlainly(sent);
        assertThat(uploadsLeft()).as("the half-written upload is removed").isEqualTo(uploadsBefore);
        assertThat(Files.getFileStore(MOUNT).getUsableSpace()).as("its space is free again")
                .isGreaterThanOrEqualTo(freeBefore);
    }

    @Test
    void aCreationOnAFullDiskIsToldPlainlyAndLeavesNoEmptyRecord() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        Path filler = MOUNT.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[64 * 1024];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
        long uploadsBefore = uploadsLeft();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertToldPlainly(create(discussion, 1000));
            }
            assertThat(uploadsLeft()).as("no upload folder or empty info file is left").isEqualTo(uploadsBefore);
        } finally {
            Files.delete(filler);
        }
        assertThat(create(discussion, 1000).getStatus()).as("with space again, uploads start").isEqualTo(201);
    }
}
