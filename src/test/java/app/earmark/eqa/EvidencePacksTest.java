package app.earmark.eqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.base.Hashing;
import app.earmark.people.PersonRef;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** Evidence packs as an EQA downloads them, checked with the real {@code unzip} and {@code sha256sum}. */
@EarmarkSpringTest
class EvidencePacksTest {

    static final String PASSWORD = "a long password 1";

    @Autowired
    EqaFixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail trail;
    @Autowired
    app.earmark.recordings.media.MediaStore store;

    @AfterEach
    void learnersOffTheDemoAssessor() {
        fixtures.unassignLearners();
    }

    @Test
    void anEqaDownloadsAPackThatSha256sumVerifiesAndItsHashIsAudited(@TempDir Path dir) throws Exception {
        PersonRef learner = fixtures.learner();
        var evidence = fixtures.evidence(learner, "8587-301", LocalDate.of(2026, 3, 14));
        PersonRef eqa = fixtures.eqa();
        GrantView grant = fixtures.grantLearners(eqa, learner);
        long before = trail.lastSeq();

        var response = mvc.perform(get(packUrl(grant, learner, true)).with(httpBasic(eqa.username(), PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse();
        byte[] zip = response.getContentAsByteArray();

        assertThat(response.getContentType()).isEqualTo("application/zip");
        assertThat(response.getHeader(HttpHeaders.CONTENT_LENGTH)).isEqualTo(Long.toString(zip.length));
        assertThat(response.getHeader(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment", ".zip");
        Path unpacked = unzip(zip, dir);
        Run check = run(unpacked, "sha256sum", "-c", "SHA256SUMS");
        assertThat(check.exit()).as(check.output()).isZero();
        String folder = "recordings/discussion-" + evidence.discussionId() + "/";
        assertThat(check.output()).contains(folder + "recording-" + evidence.recordingId() + "-playable.m4a: OK",
                folder + "recording-" + evidence.recordingId() + "-original.m4a: OK", "manifest.json: OK",
                "sheets/8587-301-v1/sheet-" + evidence.sheetId() + "-version-1.pdf: OK",
                "ac-maps/discussion-" + evidence.discussionId() + "/ac-map.csv: OK",
                "ac-maps/discussion-" + evidence.discussionId() + "/ac-map.json: OK",
                "ac-maps/discussion-" + evidence.discussionId() + "/ac-map-recording-" + evidence.recordingId()
                        + ".vtt: OK",
                "audit/entries.json: OK");
        assertThat(Files.readAllBytes(unpacked.resolve(folder + "recording-" + evidence.recordingId()
                + "-playable.m4a"))).isEqualTo(evidence.rendition());
        assertThat(Files.readString(unpacked.resolve("sheets/8587-301-v1/sheet-" + evidence.sheetId()
                + "-version-1.pdf"), StandardCharsets.ISO_8859_1)).startsWith("%PDF");
        assertThat(Files.readString(unpacked.resolve("ac-maps/discussion-" + evidence.discussionId()
                + "/ac-map-recording-" + evidence.recordingId() + ".vtt"))).startsWith("WEBVTT")
                .contains("Explains the coaching model");
        JsonNode audit = new ObjectMapper().readTree(unpacked.resolve("audit/entries.json").toFile());
        assertThat(audit.get("entries").findValuesAsText("subject")).contains("discussion:" + evidence.discussionId(),
                "sheet:" + evidence.sheetId());
        JsonNode manifest = new ObjectMapper().readTree(unpacked.resolve("manifest.json").toFile());
        assertThat(manifest.get("learner").get("username").asText()).isEqualTo(learner.username());
        assertThat(manifest.get("files").findValuesAsText("path")).contains(folder + "recording-"
                + evidence.recordingId() + "-playable.m4a").doesNotContain("manifest.json", "SHA256SUMS");

        String sha = Hashing.sha256Hex(zip);
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo(eqa.username());
            assertThat(e.get("action")).isEqualTo("evidence-pack-handed-out");
            assertThat(e.get("subject")).isEqualTo("eqa-grant:" + grant.id() + "/learner:" + learner.id());
            assertThat((String) e.get("details")).contains(sha, zip.length + " bytes");
        });
    }

    @Test
    void aPackIsTheSameBytesAgainSoADownloadResumesWithARange(@TempDir Path dir) throws Exception {
        PersonRef learner = fixtures.learner();
        fixtures.evidence(learner, "8587-302", LocalDate.of(2026, 3, 20));
        PersonRef eqa = fixtures.eqa();
        GrantView grant = fixtures.grantLearners(eqa, learner);
        String url = packUrl(grant, learner, true);
        var first = mvc.perform(get(url).with(httpBasic(eqa.username(), PASSWORD))).andReturn().getResponse();
        byte[] whole = first.getContentAsByteArray();
        String etag = first.getHeader(HttpHeaders.ETAG);
        long before = trail.lastSeq();

        var rest = mvc.perform(get(url).with(httpBasic(eqa.username(), PASSWORD))
                .header(HttpHeaders.RANGE, "bytes=1000-").header(HttpHeaders.IF_RANGE, etag))
                .andExpect(status().isPartialContent()).andReturn().getResponse();
        assertThat(rest.getHeader(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 1000-" + (whole.length - 1) + "/"
                + whole.length);
        assertThat(rest.getContentAsByteArray()).isEqualTo(Arrays.copyOfRange(whole, 1000, whole.length));
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("evidence-pack-handed-out");
            assertThat((String) e.get("details")).contains(Hashing.sha256Hex(whole), "resumed from byte 1000");
        });

        var middle = mvc.perform(get(url).with(httpBasic(eqa.username(), PASSWORD))
                .header(HttpHeaders.RANGE, "bytes=10-19")).andExpect(status().isPartialContent()).andReturn()
                .getResponse();
        assertThat(middle.getContentAsByteArray()).isEqualTo(Arrays.copyOfRange(whole, 10, 20));

        var stale = mvc.perform(get(url).with(httpBasic(eqa.username(), PASSWORD))
                .header(HttpHeaders.RANGE, "bytes=1000-").header(HttpHeaders.IF_RANGE, "\"not-this-one\""))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(stale.getContentAsByteArray()).isEqualTo(whole);

        mvc.perform(get(url).with(httpBasic(eqa.username(), PASSWORD))
                .header(HttpHeaders.RANGE, "bytes=" + whole.length + "-"))
                .andExpect(status().isRequestedRangeNotSatisfiable());
        Path unpacked = unzip(whole, dir);
        assertThat(run(unpacked, "sha256sum", "-c", "SHA256SUMS").exit()).isZero();
    }

    @Test
    void storedFilesAreListedWithTheHashTheyWereStoredUnderSoAChangedOneFailsTheCheck(@TempDir Path dir)
            throws Exception {
        PersonRef learner = fixtures.learner();
        var evidence = fixtures.evidence(learner, "8587-301", LocalDate.of(2026, 3, 16));
        PersonRef eqa = fixtures.eqa();
        GrantView grant = fixtures.grantLearners(eqa, learner);
        String url = packUrl(grant, learner, true);
        // The fixture's original: these bytes, stored under their SHA-256.
        byte[] originalBytes = ("original of " + Hashing.sha256Hex(evidence.rendition())).getBytes();
        String originalSha = Hashing.sha256Hex(originalBytes);
        String folder = "recordings/discussion-" + evidence.discussionId() + "/recording-" + evidence.recordingId();
        assertThat(store.rememberedDerivedSha256(originalSha, "rendition.m4a")).isEmpty();

        byte[] first = mvc.perform(get(url).with(httpBasic(eqa.username(), PASSWORD))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        // The rendition's hash, computed while the first pack was sent, is remembered beside it for the next one.
        assertThat(store.rememberedDerivedSha256(originalSha, "rendition.m4a"))
                .contains(Hashing.sha256Hex(evidence.rendition()));
        byte[] second = mvc.perform(get(url).with(httpBasic(eqa.username(), PASSWORD))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(second).isEqualTo(first);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).contains(originalSha + "  " + folder
                + "-original.m4a\n", Hashing.sha256Hex(evidence.rendition()) + "  " + folder + "-playable.m4a\n");

        // The original rots on disk (same size, same time): the pack lists the hash it was stored under, which the
        // bytes sent no longer have, so the check says so instead of vouching for the changed bytes.
        Path original = store.originalFile(originalSha);
        var modified = Files.getLastModifiedTime(original);
        original.toFile().setWritable(true);
        byte[] rotten = originalBytes.clone();
        rotten[0] ^= 1;
        Files.write(original, rotten);
        Files.setLastModifiedTime(original, modified);
        try {
            byte[] third = mvc.perform(get(url).with(httpBasic(eqa.username(), PASSWORD))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsByteArray();
            Run check = run(unzip(third, dir), "sha256sum", "-c", "SHA256SUMS");
            assertThat(check.exit()).isNotZero();
            assertThat(check.output()).contains(folder + "-original.m4a: FAILED", folder + "-playable.m4a: OK");
        } finally {
            Files.write(original, originalBytes);
            original.toFile().setWritable(false);
        }
    }

    @Test
    void aPackForALearnerOutsideTheGrantIsRefusedWithAReasonAndNothingSent() throws Exception {
        PersonRef learner = fixtures.learner();
        PersonRef outside = fixtures.learner();
        PersonRef eqa = fixtures.eqa();
        GrantView grant = fixtures.grantLearners(eqa, learner);
        long before = trail.lastSeq();

        var response = mvc.perform(get(packUrl(grant, outside, true)).with(httpBasic(eqa.username(), PASSWORD)))
                .andExpect(status().isForbidden()).andReturn().getResponse();

        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).contains("Learner " + outside.id() + " is not in EQA grant "
                + grant.id() + ": there is no evidence pack of theirs to give.");
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("access-refused");
            assertThat(e.get("subject")).isEqualTo("eqa-grant:" + grant.id() + "/learner:" + outside.id());
        }).noneSatisfy(e -> assertThat(e.get("action")).isEqualTo("evidence-pack-handed-out"));
    }

    @Test
    void aUnitGrantsPackHoldsOnlyThatUnitsEvidenceInItsDates(@TempDir Path dir) throws Exception {
        PersonRef learner = fixtures.learner();
        var inScope = fixtures.evidence(learner, "8587-304", LocalDate.of(2026, 3, 14));
        var otherUnit = fixtures.evidence(learner, "8587-305", LocalDate.of(2026, 3, 14));
        PersonRef eqa = fixtures.eqa();
        GrantView grant = fixtures.grantUnit(eqa, "8587-304", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

        byte[] zip = mvc.perform(get(packUrl(grant, learner, true)).with(httpBasic(eqa.username(), PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

        Path unpacked = unzip(zip, dir);
        Run check = run(unpacked, "sha256sum", "-c", "SHA256SUMS");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("recordings/discussion-" + inScope.discussionId() + "/")
                .doesNotContain("discussion-" + otherUnit.discussionId() + "/")
                // Both sheets were signed today, after the grant's dates.
                .doesNotContain("sheets/");
    }

    @Test
    void whatAnEqaOpensIsAuditedAnsweredOrRefused() throws Exception {
        PersonRef learner = fixtures.learner();
        PersonRef other = fixtures.learner();
        var evidence = fixtures.evidence(learner, "8587-303", LocalDate.of(2026, 3, 14));
        var otherEvidence = fixtures.evidence(other, "8587-303", LocalDate.of(2026, 3, 14));
        PersonRef eqa = fixtures.eqa();
        fixtures.grantLearners(eqa, learner);
        long before = trail.lastSeq();

        mvc.perform(get("/api/v1/discussions/" + evidence.discussionId()).with(httpBasic(eqa.username(), PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/recordings/" + otherEvidence.recordingId() + "/rendition")
                .with(httpBasic(eqa.username(), PASSWORD))).andExpect(status().isForbidden());
        // The assessor's requests are audited as before, not as an EQA's.
        mvc.perform(get("/api/v1/discussions/" + evidence.discussionId()).with(httpBasic("assessor", "demo")))
                .andExpect(status().isOk());

        var entries = trail.since(before);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo(eqa.username());
            assertThat(e.get("action")).isEqualTo("eqa-accessed");
            assertThat(e.get("subject")).isEqualTo("GET /api/v1/discussions/" + evidence.discussionId());
            assertThat((String) e.get("details")).contains("answered 200");
        }).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("eqa-accessed");
            assertThat(e.get("subject")).isEqualTo("GET /api/v1/recordings/" + otherEvidence.recordingId()
                    + "/rendition");
            assertThat((String) e.get("details")).contains("answered 403");
        }).noneSatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo("assessor");
            assertThat(e.get("action")).isEqualTo("eqa-accessed");
        });
    }

    private String packUrl(GrantView grant, PersonRef learner, boolean api) {
        return (api ? "/api/v1" : "") + "/eqa/grants/" + grant.id() + "/learners/" + learner.id() + "/pack.zip";
    }

    static Path unzip(byte[] zip, Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("pack.zip");
        Files.write(file, zip);
        Path out = Files.createDirectories(dir.resolve("unpacked"));
        Run unzip = run(dir, "unzip", "-q", file.toString(), "-d", out.toString());
        assertThat(unzip.exit()).as(unzip.output()).isZero();
        return out;
    }

    record Run(int exit, String output) {
    }

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
