package app.earmark.sheets;

import app.earmark.base.EvidencePackContributor;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The sheets of an evidence pack: every version of each result sheet in scope as PDF (a signed version as it was
 * attached when signed, byte for byte; a draft as rendered now), the declarations made on each version (JSON), and
 * the AC map of each discussion in scope as CSV, JSON and WebVTT (one per recording). Read through the same
 * services as the pages, as the signed-in person.
 */
@Component
class SheetPackFiles implements EvidencePackContributor {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final ResultSheetRepository sheets;
    private final ResultSheets resultSheets;
    private final SheetExports exports;
    private final Declarations declarations;
    private final EvidenceAttachmentRepository attachments;
    private final EvidenceFiles evidenceFiles;
    private final Discussions discussions;
    private final AcMaps maps;

    SheetPackFiles(ResultSheetRepository sheets, ResultSheets resultSheets, SheetExports exports,
            Declarations declarations, EvidenceAttachmentRepository attachments, EvidenceFiles evidenceFiles,
            Discussions discussions, AcMaps maps) {
        this.sheets = sheets;
        this.resultSheets = resultSheets;
        this.exports = exports;
        this.declarations = declarations;
        this.attachments = attachments;
        this.evidenceFiles = evidenceFiles;
        this.discussions = discussions;
        this.maps = maps;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<PackFile> files(PackScope scope) {
        List<PackFile> files = new ArrayList<>();
        for (SheetView sheet : sheetsInScope(scope)) {
            String base = "sheets/" + sheet.unit().code() + "-v" + sheet.unit().version() + "/sheet-" + sheet.id()
                    + "-version-" + sheet.versionNumber() + (sheet.signed() ? "" : "-draft");
            byte[] pdf = attachments.findBySheetIdOrderByCreatedAtAscIdAsc(sheet.id()).stream()
                    .filter(a -> a.view().kind() == EvidenceKind.SHEET_PDF).findFirst()
                    .map(a -> evidenceFiles.get(a.sha256()))
                    .orElseGet(() -> exports.sheetPdf(sheet).content());
            files.add(file(base + ".pdf", "application/pdf", pdf));
            SheetDeclarations made = declarations.of(sheet);
            if (!made.all().isEmpty()) {
                files.add(file(base + "-declarations.json", "application/json", json(made.all())));
            }
        }
        for (DiscussionSummary discussion : discussionsInScope(scope)) {
            String base = "ac-maps/discussion-" + discussion.id() + "/ac-map";
            Export json = exports.acMap(discussion.id(), null, AcMapFormat.JSON);
            Export csv = exports.acMap(discussion.id(), null, AcMapFormat.CSV);
            files.add(file(base + ".json", "application/json", json.content()));
            files.add(file(base + ".csv", "text/csv", csv.content()));
            for (AcMap.Recording recording : maps.of(discussion.id()).recordings()) {
                Export vtt = exports.acMap(discussion.id(), recording.id(), AcMapFormat.VTT);
                files.add(file(base + "-recording-" + recording.id() + ".vtt", "text/vtt", vtt.content()));
            }
        }
        return files;
    }

    @Override
    public Set<String> subjects(PackScope scope) {
        Set<String> subjects = new LinkedHashSet<>();
        sheetsInScope(scope).forEach(sheet -> subjects.add("sheet:" + sheet.id()));
        discussionsInScope(scope).forEach(d -> subjects.add("discussion:" + d.id()));
        return subjects;
    }

    /** Every version the signed-in person may see of the learner's sheets in scope, by unit and version. */
    private List<SheetView> sheetsInScope(PackScope scope) {
        List<SheetView> found = new ArrayList<>();
        sheets.findByLearnerId(scope.learnerId()).stream()
                .filter(sheet -> scope.coversUnit(sheet.unitId()))
                .filter(sheet -> scope.covers(sheet.signedAt() != null ? sheet.signedAt() : sheet.createdAt()))
                .sorted(Comparator.comparing(ResultSheet::unitId).thenComparing(ResultSheet::versionNumber))
                .forEach(sheet -> {
                    try {
                        found.add(resultSheets.get(sheet.id()));
                    } catch (app.earmark.security.AccessRefusedException refused) {
                        // Not this person's to see: left out, as everywhere else.
                    }
                });
        return found;
    }

    private List<DiscussionSummary> discussionsInScope(PackScope scope) {
        return discussions.visible().stream()
                .filter(d -> d.learner().id() == scope.learnerId())
                .filter(d -> scope.coversAnyUnit(d.units().stream().map(DiscussionSummary.UnitRef::id).toList()))
                .filter(d -> scope.covers(d.heldOn()))
                .sorted(Comparator.comparing(DiscussionSummary::id))
                .toList();
    }

    private static PackFile file(String path, String mediaType, byte[] content) {
        return new PackFile(path, mediaType, content.length, () -> new ByteArrayInputStream(content));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
