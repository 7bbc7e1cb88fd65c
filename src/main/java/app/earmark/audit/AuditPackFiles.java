package app.earmark.audit;

import app.earmark.base.EvidencePackContributor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail's part of an evidence pack: every entry whose subject is one of the things the other contributors
 * put in the pack (their {@link EvidencePackContributor#subjects}), in chain order, with each entry's hash and the
 * previous one's, as {@code audit/entries.json}. Last in the pack, after what it concerns.
 */
@Component
class AuditPackFiles implements EvidencePackContributor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final AuditRepository entries;
    private final ObjectProvider<EvidencePackContributor> contributors;

    AuditPackFiles(AuditRepository entries, ObjectProvider<EvidencePackContributor> contributors) {
        this.entries = entries;
        this.contributors = contributors;
    }

    @Override
    public int order() {
        return 10_000;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PackFile> files(PackScope scope) {
        Set<String> subjects = new TreeSet<>();
        contributors.orderedStream().filter(c -> c != this).forEach(c -> subjects.addAll(c.subjects(scope)));
        if (subjects.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditEntry entry : entries.findBySubjectInOrderBySeq(subjects)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", entry.seq());
            row.put("occurredAt", entry.occurredAt().toString());
            row.put("actor", entry.actor());
            row.put("action", entry.action());
            row.put("subject", entry.subject());
            row.put("details", entry.details());
            row.put("previousHash", entry.previousHash());
            row.put("hash", entry.hash());
            rows.add(row);
        }
        byte[] content;
        try {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("subjects", subjects);
            file.put("entries", rows);
            content = JSON.writeValueAsBytes(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return List.of(new PackFile("audit/entries.json", "application/json", content.length,
                () -> new ByteArrayInputStream(content)));
    }
}
