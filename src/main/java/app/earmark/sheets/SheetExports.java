package app.earmark.sheets;

import app.earmark.base.web.NotFoundException;
import app.earmark.recordings.ChapteredCopies;
import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.talktime.TalkTime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outputs of the evidence record, for anyone who may see the discussion or sheet (the services they come from
 * refuse everyone else): the AC map of a discussion as WebVTT chapters, CSV or JSON, and a result sheet as PDF with
 * its annotated time counters, AC map and QR code. Links are absolute ({@link PublicUrl}).
 */
@Service
@Transactional(readOnly = true)
public class SheetExports {

    private final ResultSheets sheets;
    private final AcMaps maps;
    private final Discussions discussions;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final ChapteredCopies copies;
    private final Declarations declarations;
    private final TalkTime talkTime;

    SheetExports(ResultSheets sheets, AcMaps maps, Discussions discussions, PublicUrl publicUrl, Clock clock,
            ChapteredCopies copies, Declarations declarations, TalkTime talkTime) {
        this.talkTime = talkTime;
        this.copies = copies;
        this.declarations = declarations;
        this.sheets = sheets;
        this.maps = maps;
        this.discussions = discussions;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /**
     * The AC map of a discussion in a format.
     *
     * @param recordingId only the tags of this recording; required for WebVTT when the discussion has several
     *        recordings (chapters belong to one recording)
     * @throws NotFoundException        if the recording is not one of the discussion's
     * @throws ExportException          if WebVTT is asked for without a recording and there are several
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see the discussion
     */
    public Export acMap(long discussionId, Long recordingId, AcMapFormat format) {
        AcMap map = maps.of(discussionId);
        AcMap.Recording recording = recording(map, recordingId, format);
        if (recording != null) {
            map = new AcMap(map.discussionId(), map.units(), List.of(recording), map.entries(recording.id()));
        }
        String name = "ac-map-discussion-" + discussionId + (recordingId == null ? "" : "-recording-" + recordingId)
                + "." + format.extension();
        return switch (format) {
            case JSON -> new Export(name, format.mediaType(), AcMapJson.write(map, publicUrl::absolute,
                    talkTime.forDiscussion(discussionId), talkTime::byQuestion));
            case CSV -> new Export(name, format.mediaType() + "; charset=utf-8",
                    AcMapCsv.write(map, publicUrl::absolute).getBytes(StandardCharsets.UTF_8));
            case VTT -> new Export(name, format.mediaType() + "; charset=utf-8",
                    AcMapVtt.write(map, recording).getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * A copy of the recording's playable rendition with the AC map's chapters embedded (the same chapters as the
     * WebVTT: one per tagged moment, titled "AC 3.1, 3.2 — note"), made by a worker process without re-encoding, or
     * the copy made before for the same tags.
     *
     * @param recordingId required when the discussion has several recordings
     * @throws ExportException if there are several recordings and none was named, no tags, or the copy cannot be made
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public ChapteredCopies.ChapteredCopy chapteredCopy(long discussionId, Long recordingId) {
        AcMap map = maps.of(discussionId);
        AcMap.Recording recording = recording(map, recordingId, AcMapFormat.VTT);
        if (recording == null || map.entries(recording.id()).isEmpty()) {
            throw new ExportException("Discussion " + discussionId + " has no tags on "
                    + (recording == null ? "a recording" : "recording " + recording.id())
                    + " yet, so there are no chapters to embed.");
        }
        List<ChapteredCopies.Chapter> chapters = AcMapVtt.chapters(map.entries(recording.id()),
                recording.durationMillis()).stream().map(c -> new ChapteredCopies.Chapter(c.startMs(), c.endMs(),
                        title(c.text()))).toList();
        try {
            return copies.chapteredCopy(recording.id(), chapters);
        } catch (DiscussionException e) {
            throw new ExportException(e.getMessage());
        }
    }

    /** A chapter title within what the containers hold. */
    private static String title(String text) {
        String title = text;
        while (title.codePointCount(0, title.length()) > ChapteredCopies.MAX_TITLE_CHARACTERS - 1
                || title.getBytes(StandardCharsets.UTF_8).length > ChapteredCopies.MAX_TITLE_BYTES - 3) {
            title = title.substring(0, title.offsetByCodePoints(0, title.codePointCount(0, title.length()) - 1));
        }
        return title.equals(text) ? text : title + "…";
    }

    /** The recording asked for; for WebVTT without one, the discussion's only recording; otherwise none (all). */
    private static AcMap.Recording recording(AcMap map, Long recordingId, AcMapFormat format) {
        if (recordingId != null) {
            return map.recordings().stream().filter(r -> r.id() == recordingId).findFirst()
                    .orElseThrow(() -> new NotFoundException("Discussion " + map.discussionId() + " has no recording "
                            + recordingId + "."));
        }
        if (format != AcMapFormat.VTT || map.recordings().isEmpty()) {
            return null;
        }
        if (map.recordings().size() == 1) {
            return map.recordings().get(0);
        }
        throw new ExportException("Discussion " + map.discussionId() + " has " + map.recordings().size()
                + " recordings (" + map.recordings().stream().map(r -> String.valueOf(r.id()))
                .collect(Collectors.joining(", ")) + "), and WebVTT chapters belong to one of them: ask for one with"
                + " ?recording=" + map.recordings().get(0).id() + ".");
    }

    /**
     * The result sheet as PDF: a draft with a watermark, a signed version with its signature and hash.
     *
     * @throws app.earmark.security.AccessRefusedException if the signed-in person may not see the sheet
     */
    public Export sheetPdf(long sheetId) {
        return sheetPdf(sheets.get(sheetId));
    }

    Export sheetPdf(SheetView sheet) {
        List<AcMap> sheetMaps = AcMaps.ofSheet(sheet);
        Map<Long, DiscussionSummary> visible = sheetMaps.isEmpty() ? Map.of()
                : discussions.visible().stream().collect(Collectors.toMap(DiscussionSummary::id, Function.identity()));
        List<SheetHtml.MapSection> sections = sheetMaps.stream().map(map -> {
            String url = publicUrl.absolute("/discussions/" + map.discussionId());
            return new SheetHtml.MapSection(map, visible.get(map.discussionId()), url, QrCodes.pngDataUri(url));
        }).toList();
        String xhtml = SheetHtml.write(new SheetHtml.Input(sheet, sections, SheetSignOffs.of(sheet,
                declarations.of(sheet)),
                publicUrl::absolute, clock.instant()));
        return new Export(fileName(sheet), "application/pdf", SheetPdf.render(xhtml));
    }

    /** "result-sheet-8580-502-v2.pdf". */
    static String fileName(SheetView sheet) {
        return "result-sheet-" + sheet.unit().code().replaceAll("[^A-Za-z0-9-]", "_") + "-v" + sheet.versionNumber()
                + ".pdf";
    }
}
