package app.earmark.sheets.ui;

import app.earmark.base.Sizes;
import app.earmark.base.ui.Notifications;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.DiscussionSection;
import app.earmark.discussions.Discussions;
import app.earmark.security.AccessRefusedException;
import app.earmark.sheets.AcMap;
import app.earmark.sheets.AcMaps;
import app.earmark.sheets.Evidence;
import app.earmark.sheets.EvidenceView;
import app.earmark.sheets.ExportException;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.List;
import java.util.Optional;

/**
 * On a discussion's page: its evidence record. The AC map to open as WebVTT chapters, CSV or JSON, and the
 * recording with the map as embedded chapters (made on request); the files attached so far, each with its
 * SHA-256, size, who attached it and when; and, for an assessor of the learner, attaching the AC map as it is
 * now and the recording with chapters.
 */
@org.springframework.stereotype.Component
class DiscussionEvidenceSection implements DiscussionSection {

    private final AcMaps maps;
    private final Evidence evidence;
    private final Discussions discussions;
    private final ResultSheets sheets;

    DiscussionEvidenceSection(AcMaps maps, Evidence evidence, Discussions discussions, ResultSheets sheets) {
        this.sheets = sheets;
        this.maps = maps;
        this.evidence = evidence;
        this.discussions = discussions;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Optional<Component> create(DiscussionSummary discussion) {
        var section = new Section();
        section.setId("discussion-evidence");
        fill(section, discussion);
        return Optional.of(section);
    }

    private void fill(Section section, DiscussionSummary discussion) {
        section.removeAll();
        long id = discussion.id();
        AcMap map = maps.of(id);
        section.add(new H3("Evidence record"));
        section.add(exports(id, map));
        if (discussions.mayRecord(discussion) && !map.entries().isEmpty()) {
            var attach = new Button("Attach the AC map as it is now (WebVTT, CSV, JSON)", e -> {
                try {
                    evidence.attachAcMaps(id);
                    Notifications.success("The AC map is attached to the evidence record.");
                } catch (ExportException | AccessRefusedException ex) {
                    Notifications.error(ex.getMessage());
                }
                fill(section, discussion);
            });
            attach.setId("attach-ac-map");
            section.add(attach);
            for (AcMap.Recording recording : map.recordings()) {
                if (!map.entries(recording.id()).isEmpty()) {
                    section.add(attachChaptered(section, discussion, recording));
                }
            }
        }
        section.add(attached(evidence.forDiscussion(id)));
        section.add(signedSheets(discussion));
    }

    /** The PDF of every signed version of the learner's sheets for the units this discussion assessed. */
    private Component signedSheets(DiscussionSummary discussion) {
        var box = new Section(new H4("Signed result sheets"));
        box.setId("evidence-signed-sheets");
        var list = new UnorderedList();
        discussion.units().forEach(unit -> sheets.history(discussion.learner().id(), unit.id()).stream()
                .filter(SheetView::signed).forEach(v -> {
                    var item = new ListItem(new Span(v.unit().code() + ": "), SheetPdfLinks.link(v));
                    item.addClassNames("signed-sheet", LumoUtility.FontSize.SMALL);
                    list.add(item);
                }));
        box.add(list.getChildren().findAny().isPresent() ? list
                : note("No result sheet for the units of this discussion is signed yet."));
        return box;
    }

    /** The assessor's explicit act of attaching a chaptered copy (opening or downloading it attaches nothing). */
    private Button attachChaptered(Section section, DiscussionSummary discussion, AcMap.Recording recording) {
        var attach = new Button("Attach " + recording.fileName() + " with the AC map as chapters", e -> {
            try {
                evidence.attachChapteredCopy(discussion.id(), recording.id());
                Notifications.success("The recording with chapters is attached to the evidence record.");
            } catch (ExportException | AccessRefusedException ex) {
                Notifications.error(ex.getMessage());
            }
            fill(section, discussion);
        });
        attach.setId("attach-chaptered-" + recording.id());
        return attach;
    }

    private static Component exports(long id, AcMap map) {
        var list = new UnorderedList();
        list.setId("ac-map-exports");
        if (map.entries().isEmpty()) {
            return note("No tags yet: the AC map, its exports and the recording with chapters come from the tags.");
        }
        String base = "/exports/discussions/" + id;
        list.add(new ListItem(open(base + "/ac-map.csv", "AC map as CSV"), new Span(" · "),
                open(base + "/ac-map.json", "as JSON")));
        for (AcMap.Recording recording : map.recordings()) {
            if (map.entries(recording.id()).isEmpty()) {
                continue;
            }
            String query = "?recording=" + recording.id();
            var vtt = open(base + "/ac-map.vtt" + query, "WebVTT chapters");
            var chaptered = open(base + "/chaptered" + query, "the recording with the AC map as chapters");
            chaptered.setId("chaptered-" + recording.id());
            chaptered.getElement().setAttribute("title", "Made on first request (seconds for an hour), then kept;"
                    + " VLC and QuickTime show the chapters.");
            list.add(new ListItem(new Span(recording.fileName() + ": "), vtt, new Span(" · "), chaptered));
        }
        return list;
    }

    private static Component attached(List<EvidenceView> files) {
        var box = new Section(new H4("Attached files"));
        box.setId("evidence-attached");
        if (files.isEmpty()) {
            box.add(note("Nothing is attached to this discussion yet."));
            return box;
        }
        var list = new UnorderedList();
        for (EvidenceView file : files) {
            var link = open(file.mediaPath(false).orElse(file.downloadPath()), file.fileName());
            var facts = new Span(" · " + file.kind().label() + " · " + Sizes.human(file.size()) + " · attached by "
                    + file.createdBy() + " on " + SheetLinks.when(file.createdAt()) + " · SHA-256 ");
            facts.addClassNames(LumoUtility.TextColor.SECONDARY);
            var sha = new Span(file.sha256());
            sha.addClassNames("sha256", LumoUtility.FontSize.XSMALL);
            sha.getStyle().set("font-family", "monospace").set("word-break", "break-all");
            var item = new ListItem(link, facts, sha);
            item.addClassNames("evidence-file", LumoUtility.FontSize.SMALL);
            list.add(item);
        }
        box.add(list);
        return box;
    }

    /** A link the browser follows itself (not Vaadin's router), in a new tab. */
    private static Anchor open(String href, String text) {
        var anchor = new Anchor(href, text, AnchorTarget.BLANK);
        anchor.setRouterIgnore(true);
        return anchor;
    }

    private static Paragraph note(String text) {
        var note = new Paragraph(text);
        note.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        return note;
    }
}
