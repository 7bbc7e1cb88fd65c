package app.earmark.notes;

import app.earmark.base.EvidencePackContributor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notes' part of an evidence pack: {@code notes/authentications-and-disputes.json} with every authentication
 * (void ones with why and when) and dispute (with its resolution) of the scope, and for each authentication
 * {@code notes/authentication-<id>-covered.json}, the exact canonical JSON it covered, whose SHA-256 is the
 * authentication's.
 */
@Component
class NotesEvidence implements EvidencePackContributor {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final NotesAuthentications authentications;
    private final NotesDisputes disputes;

    NotesEvidence(NotesAuthentications authentications, NotesDisputes disputes) {
        this.authentications = authentications;
        this.disputes = disputes;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PackFile> files(PackScope scope) {
        List<NotesAuthentication> auths = authentications.findByLearnerIdOrderByIdAsc(scope.learnerId()).stream()
                .filter(a -> inScope(scope, a.unitIds(), a.authenticatedAt())).toList();
        List<NotesDispute> found = disputes.findByLearnerIdOrderByIdAsc(scope.learnerId()).stream()
                .filter(d -> inScope(scope, d.unitIds(), d.disputedAt())).toList();
        if (auths.isEmpty() && found.isEmpty()) {
            return List.of();
        }
        List<PackFile> files = new ArrayList<>();
        List<Object> authJson = new ArrayList<>();
        for (NotesAuthentication a : auths) {
            NotesAuthenticationView view = a.view();
            String coveredPath = "notes/authentication-" + view.id() + "-covered.json";
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", view.id());
            entry.put("discussionId", view.discussionId());
            entry.put("authenticatedBy", view.authenticatedBy());
            entry.put("authenticatedAt", view.authenticatedAt());
            entry.put("sha256", view.sha256());
            entry.put("covered", coveredPath);
            entry.put("void", view.isVoid());
            entry.put("voidedAt", view.voidedAt());
            entry.put("voidReason", view.voidReason());
            authJson.add(entry);
            files.add(file(coveredPath, a.covered().getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("learnerId", scope.learnerId());
        root.put("authentications", authJson);
        root.put("disputes", found.stream().map(NotesDispute::view).toList());
        try {
            files.add(0, file("notes/authentications-and-disputes.json", JSON.writeValueAsBytes(root)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The notes' authentications could not be written", e);
        }
        return files;
    }

    private static PackFile file(String path, byte[] bytes) {
        return new PackFile(path, "application/json", bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    private static boolean inScope(PackScope scope, String unitIds, Instant at) {
        if (scope.unitId() != null && Arrays.stream(unitIds.split(",")).noneMatch(u -> u.equals(
                String.valueOf(scope.unitId())))) {
            return false;
        }
        return (scope.from() == null || !at.isBefore(scope.from())) && (scope.to() == null || !at.isAfter(scope.to()));
    }
}
