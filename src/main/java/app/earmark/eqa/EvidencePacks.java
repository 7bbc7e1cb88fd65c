package app.earmark.eqa;

import app.earmark.base.EvidencePackContributor;
import app.earmark.base.EvidencePackContributor.PackFile;
import app.earmark.base.EvidencePackContributor.PackScope;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.people.EvidenceScope;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.security.AccessGuard;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Evidence packs: one ZIP per learner of a grant (optionally one unit), with every contributor's files, then
 * {@code manifest.json} (path, media type, size and SHA-256 of each file) and {@code SHA256SUMS} (so that
 * {@code sha256sum -c SHA256SUMS} verifies the unzipped files). The pack is planned here (access checked, the
 * files listed, the length known) and streamed by the caller with {@link Pack#write}: nothing is held but small
 * generated files (PDFs, AC maps, the audit extract), and nothing is copied to disk.
 */
@Service
public class EvidencePacks {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EqaGrants grants;
    private final People people;
    private final Catalogue catalogue;
    private final AccessGuard guard;
    private final ObjectProvider<EvidencePackContributor> contributors;

    EvidencePacks(EqaGrants grants, People people, Catalogue catalogue, AccessGuard guard,
            ObjectProvider<EvidencePackContributor> contributors) {
        this.grants = grants;
        this.people = people;
        this.catalogue = catalogue;
        this.guard = guard;
        this.contributors = contributors;
    }

    /**
     * Plans the pack of a learner under a grant the signed-in person may use (an EQA's grant in force, or any of
     * the administrator's centre).
     *
     * @param unitId one unit version of the grant's, or null for everything the grant covers of the learner
     * @throws app.earmark.security.AccessRefusedException for a grant they may not use, or a learner (or unit)
     *         outside the grant; nothing is sent
     */
    public Pack plan(long grantId, long learnerId, Long unitId) {
        GrantView grant = grants.usable(grantId);
        String subject = "eqa-grant:" + grantId + "/learner:" + learnerId + (unitId == null ? "" : "/unit:" + unitId);
        List<EvidenceScope> scopes = grants.scopes(grantId, learnerId);
        if (scopes.isEmpty()) {
            throw guard.refuse(subject, "Learner " + learnerId + " is not in EQA grant " + grantId
                    + ": there is no evidence pack of theirs to give.");
        }
        if (unitId != null) {
            scopes = scopes.stream().filter(s -> s.unitId() == null || s.unitId().equals(unitId))
                    .map(s -> new EvidenceScope(learnerId, unitId, s.from(), s.to())).distinct().toList();
            if (scopes.isEmpty()) {
                throw guard.refuse(subject, "Unit " + unitId + " of learner " + learnerId + " is not in EQA grant "
                        + grantId + ": there is no evidence pack of it to give.");
            }
        }
        LearnerSummary learner = people.learner(learnerId);
        List<PackZip.Entry> entries = new ArrayList<>();
        List<Map<String, Object>> scopeRows = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        List<EvidencePackContributor> ordered = contributors.orderedStream()
                .sorted(java.util.Comparator.comparingInt(EvidencePackContributor::order)).toList();
        for (EvidenceScope scope : scopes) {
            String unitLabel = scope.unitId() == null ? null
                    : catalogue.unit(scope.unitId()).map(u -> u.code() + "-v" + u.version()).orElse("unit-" + scope.unitId());
            String prefix = scopes.size() > 1 && unitLabel != null ? unitLabel + "/" : "";
            PackScope packScope = new PackScope(learnerId, scope.unitId(),
                    scope.from() == null ? null : scope.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
                    scope.to() == null ? null : scope.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("unit", unitLabel);
            row.put("evidenceFrom", scope.from() == null ? null : scope.from().toString());
            row.put("evidenceTo", scope.to() == null ? null : scope.to().toString());
            scopeRows.add(row);
            for (EvidencePackContributor contributor : ordered) {
                for (PackFile file : contributor.files(packScope)) {
                    String path = prefix + checked(file.path());
                    if (!paths.add(path) || path.equals("manifest.json") || path.equals("SHA256SUMS")) {
                        throw new IllegalStateException("Two files of the pack would be " + path + ".");
                    }
                    entries.add(entry(path, file));
                }
            }
        }
        Map<String, String> mediaTypes = new LinkedHashMap<>();
        for (PackZip.Entry entry : entries) {
            mediaTypes.put(entry.path(), entry.mediaType());
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "earmark-evidence-pack/1");
        header.put("centre", people.centre().number() + " " + people.centre().name());
        Map<String, Object> learnerRow = new LinkedHashMap<>();
        learnerRow.put("id", learner.id());
        learnerRow.put("username", learner.username());
        learnerRow.put("name", learner.displayName());
        header.put("learner", learnerRow);
        Map<String, Object> grantRow = new LinkedHashMap<>();
        grantRow.put("id", grant.id());
        grantRow.put("description", grant.description());
        grantRow.put("endsAt", grant.endsAt().toString());
        header.put("grant", grantRow);
        header.put("scope", scopeRows);
        header.put("verify", "Unzip the pack, then in its folder run: sha256sum -c SHA256SUMS");
        PackZip.Trailer trailer = written -> trailer(header, mediaTypes, written);
        String unitPart = unitId == null ? "" : "-" + catalogue.unit(unitId).map(Unit::code).orElse("unit-" + unitId);
        String fileName = "evidence-pack-" + learner.username().replaceAll("[^A-Za-z0-9._-]", "_") + unitPart
                + "-grant-" + grantId + ".zip";
        String headerJson;
        try {
            headerJson = JSON.writeValueAsString(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Pack(fileName, subject, PackZip.length(entries, trailer), etag(entries, headerJson), entries,
                trailer);
    }

    /** A planned pack: its name, length and tag (the same for the same contents), ready to stream. */
    public static final class Pack {
        private final String fileName;
        private final String subject;
        private final long length;
        private final String etag;
        private final List<PackZip.Entry> entries;
        private final PackZip.Trailer trailer;

        Pack(String fileName, String subject, long length, String etag, List<PackZip.Entry> entries,
                PackZip.Trailer trailer) {
            this.fileName = fileName;
            this.subject = subject;
            this.length = length;
            this.etag = etag;
            this.entries = entries;
            this.trailer = trailer;
        }

        public String fileName() {
            return fileName;
        }

        /** What the audit trail names it by, e.g. {@code eqa-grant:3/learner:12}. */
        public String subject() {
            return subject;
        }

        public long length() {
            return length;
        }

        /** A strong entity tag: the same only for the same files (paths, sizes and generated contents). */
        public String etag() {
            return etag;
        }

        /** How many files it holds, manifest.json and SHA256SUMS included. */
        public int fileCount() {
            return entries.size() + 2;
        }

        /** Writes the whole ZIP (the caller skips what a range leaves out). */
        public void write(java.io.OutputStream out) throws IOException {
            PackZip.write(entries, trailer, out);
        }
    }

    private static List<PackZip.Entry> trailer(Map<String, Object> header, Map<String, String> mediaTypes,
            List<PackZip.Written> written) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (PackZip.Written file : written) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", file.path());
            row.put("mediaType", mediaTypes.get(file.path()));
            row.put("size", file.size());
            row.put("sha256", file.sha256());
            files.add(row);
        }
        Map<String, Object> manifest = new LinkedHashMap<>(header);
        manifest.put("files", files);
        byte[] manifestBytes;
        try {
            manifestBytes = JSON.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sums = new StringBuilder();
        for (PackZip.Written file : written) {
            sums.append(file.sha256()).append("  ").append(file.path()).append('\n');
        }
        MessageDigest sha = PackZip.sha256();
        sums.append(HexFormat.of().formatHex(sha.digest(manifestBytes))).append("  manifest.json\n");
        byte[] sumBytes = sums.toString().getBytes(StandardCharsets.UTF_8);
        return List.of(new PackZip.Entry("manifest.json", manifestBytes.length,
                        () -> new ByteArrayInputStream(manifestBytes), "application/json", null, true),
                new PackZip.Entry("SHA256SUMS", sumBytes.length, () -> new ByteArrayInputStream(sumBytes),
                        "text/plain", null, true));
    }

    /** A file of known size streams when written; a generated one of unknown size is made now (they are small). */
    private static PackZip.Entry entry(String path, PackFile file) {
        String type = file.mediaType() == null ? "application/octet-stream" : file.mediaType();
        if (file.size() >= 0) {
            PackZip.Source source = new PackZip.Source() {
                @Override
                public InputStream open() throws IOException {
                    return file.content().open();
                }

                @Override
                public void hashed(String sha256) {
                    file.content().hashed(sha256);
                }
            };
            return new PackZip.Entry(path, file.size(), source, type, file.sha256());
        }
        try (InputStream in = file.content().open()) {
            byte[] bytes = in.readAllBytes();
            return new PackZip.Entry(path, bytes.length, () -> new ByteArrayInputStream(bytes), type,
                    HexFormat.of().formatHex(PackZip.sha256().digest(bytes)), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(List<PackZip.Entry> entries, String header) {
        MessageDigest sha = PackZip.sha256();
        sha.update(header.getBytes(StandardCharsets.UTF_8));
        for (PackZip.Entry entry : entries) {
            sha.update((entry.path() + "\u0000" + entry.size() + "\u0000"
                    + (entry.generated() ? entry.knownSha256() : "") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "\"" + HexFormat.of().formatHex(sha.digest()).substring(0, 32) + "\"";
    }

    /** A relative path with forward slashes, no empty, '.' or '..' parts. */
    private static String checked(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || java.util.Arrays.stream(path.split("/", -1)).anyMatch(p -> p.isEmpty() || p.equals(".")
                        || p.equals(".."))) {
            throw new IllegalStateException("Not a path for a pack: " + path);
        }
        return path;
    }
}
