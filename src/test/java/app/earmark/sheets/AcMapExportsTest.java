package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.Hashing;
import app.earmark.base.web.NotFoundException;
import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The AC map of a discussion of two units (8580-501 and 8580-502 with learner2): in time order with unit-prefixed
 * ACs, and exported as WebVTT chapters (read back strictly), CSV (read back with Commons CSV) and JSON; attaching an
 * export to the evidence record.
 */
@EarmarkSpringTest
class AcMapExportsTest {

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    AcMaps maps;
    @Autowired
    SheetExports exports;
    @Autowired
    Evidence evidence;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    PublicUrl properties;

    private long discussion;
    private long recording;
    private TagView early;
    private TagView both;
    private TagView span;
    private TagView sameStart;

    @BeforeEach
    void taggedDiscussion() {
        discussion = fixtures.discussion("learner2", "8580-501", "8580-502");
        recording = fixtures.hourLongRecording(discussion);
        both = fixtures.tag(discussion, recording, 115_000, null, "On both units", "8580-501 1.1", "8580-502 1.1");
        span = fixtures.tag(discussion, recording, 163_000, 190_500L, "<i>Hours</i> & clients\nsecond line",
                "8580-502 2.1");
        sameStart = fixtures.tag(discussion, recording, 163_000, null, "=HYPERLINK(\"http://evil\")", "8580-501 3.1");
        early = fixtures.tag(discussion, recording, 3_000, null, null, "8580-501 1.2");
    }

    @Test
    void theMapListsEveryTagInTimeOrderWithTheUnitOfEachAc() {
        AcMap map = signedIn.as("learner2", () -> maps.of(discussion));
        assertThat(map.units()).containsExactly("8580-501", "8580-502");
        assertThat(map.entries()).extracting(e -> e.at().tagId())
                .containsExactly(early.id(), both.id(), span.id(), sameStart.id());
        assertThat(map.entries()).extracting(AcMap.Entry::counter, AcMap.Entry::acs).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0m 03s", List.of("501/1.2")),
                org.assertj.core.groups.Tuple.tuple("1m 55s", List.of("501/1.1", "502/1.1")),
                org.assertj.core.groups.Tuple.tuple("2m 43s–3m 10s", List.of("502/2.1")),
                org.assertj.core.groups.Tuple.tuple("2m 43s", List.of("501/3.1")));
        assertThatThrownBy(() -> signedIn.as("learner", () -> maps.of(discussion)))
                .isInstanceOf(AccessRefusedException.class).hasMessage("You may not see discussion " + discussion + ".");
    }

    @Test
    void theChaptersHoldEveryTagWithoutOverlapping() {
        Export vtt = signedIn.as("learner2", () -> exports.acMap(discussion, null, AcMapFormat.VTT));
        assertThat(vtt.mediaType()).isEqualTo("text/vtt; charset=utf-8");
        List<WebVtt.Cue> cues = WebVtt.parseChapters(new String(vtt.content(), StandardCharsets.UTF_8));
        for (TagView tag : List.of(early, both, span, sameStart)) {
            assertThat(cues).as("tag " + tag.id()).anySatisfy(cue -> {
                assertThat(cue.id()).matches("tag-([0-9]+\\+)*" + tag.id() + "(\\+[0-9]+)*");
                assertThat(cue.startMs()).isEqualTo(tag.startMs());
            });
        }
        assertThat(cues).extracting(WebVtt.Cue::text).containsExactly("0m 03s · AC 501/1.2",
                "1m 55s · AC 501/1.1, 502/1.1 — On both units",
                "2m 43s · AC 502/2.1, 501/3.1 — <i>Hours</i> & clients second line / =HYPERLINK(\"http://evil\")");
        assertThat(cues.get(2).endMs()).isEqualTo(190_500);
    }

    @Test
    void theCsvReadsBackWithOneRowPerTag() throws Exception {
        Export csv = signedIn.as("learner2", () -> exports.acMap(discussion, null, AcMapFormat.CSV));
        assertThat(csv.mediaType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(csv.fileName()).isEqualTo("ac-map-discussion-" + discussion + ".csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv.content(), StandardCharsets.UTF_8))).getRecords();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("Time counter", "Start seconds",
                "End seconds", "ACs", "Note", "Link");
        assertThat(rows.get(1).toMap()).containsEntry("Time counter", "1m 55s").containsEntry("Start seconds", "115")
                .containsEntry("End seconds", "").containsEntry("ACs", "501/1.1; 502/1.1")
                .containsEntry("Note", "On both units").containsEntry("Link", "http://localhost/discussions/"
                        + discussion + "/play?recording=" + recording + "&t=115.0");
        assertThat(rows.get(2).toMap()).containsEntry("End seconds", "190.5")
                .containsEntry("Note", "<i>Hours</i> & clients\nsecond line");
        assertThat(rows.get(3).get("Note")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(rows.get(0).get("Note")).isEmpty();
    }

    @Test
    void theJsonHasEveryTagWithItsLink() throws Exception {
        Export json = signedIn.as("learner2", () -> exports.acMap(discussion, recording, AcMapFormat.JSON));
        JsonNode map = new ObjectMapper().readTree(json.content());
        assertThat(map.get("discussionId").asLong()).isEqualTo(discussion);
        assertThat(map.get("recordings").get(0).get("durationMillis").asLong()).isEqualTo(3_600_000);
        JsonNode second = map.get("entries").get(1);
        assertThat(second.get("tagId").asLong()).isEqualTo(both.id());
        assertThat(second.get("counter").asText()).isEqualTo("1m 55s");
        assertThat(second.get("startMs").asLong()).isEqualTo(115_000);
        assertThat(second.get("endMs").isNull()).isTrue();
        assertThat(second.get("acs")).extracting(JsonNode::asText).containsExactly("501/1.1", "502/1.1");
        assertThat(second.get("link").asText()).isEqualTo(properties.absolute(
                "/discussions/" + discussion + "/play?recording=" + recording + "&t=115.0"));
        assertThat(map.get("entries").get(2).get("note").asText()).isEqualTo("<i>Hours</i> & clients\nsecond line");
    }

    @Test
    void chaptersOfADiscussionWithSeveralRecordingsNameTheRecording() {
        long second = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, second, 1_000, null, "Second recording", "8580-502 1.2");
        assertThatThrownBy(() -> signedIn.as("learner2", () -> exports.acMap(discussion, null, AcMapFormat.VTT)))
                .isInstanceOf(ExportException.class).hasMessage("Discussion " + discussion + " has 2 recordings ("
                        + recording + ", " + second + "), and WebVTT chapters belong to one of them: ask for one with"
                        + " ?recording=" + recording + ".");
        List<WebVtt.Cue> cues = WebVtt.parseChapters(new String(signedIn.as("learner2",
                () -> exports.acMap(discussion, second, AcMapFormat.VTT)).content(), StandardCharsets.UTF_8));
        assertThat(cues).singleElement().extracting(WebVtt.Cue::text).isEqualTo("0m 01s · AC 502/1.2 — Second recording");
        assertThatThrownBy(() -> signedIn.as("learner2", () -> exports.acMap(discussion, 999_999L, AcMapFormat.CSV)))
                .isInstanceOf(NotFoundException.class).hasMessage("Discussion " + discussion + " has no recording 999999.");
    }

    @Test
    void anAssessorAttachesAnExportWhichIsStoredByItsHashAuditedAndCheckedWhenRead() {
        long before = trail.lastSeq();
        EvidenceView attached = signedIn.as("assessor", () -> evidence.attachAcMap(discussion, null, AcMapFormat.CSV));
        assertThat(attached.kind()).isEqualTo(EvidenceKind.AC_MAP_CSV);
        assertThat(attached.discussionId()).isEqualTo(discussion);
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("evidence-attached");
            assertThat((String) e.get("details")).contains(attached.fileName(), attached.sha256());
        });
        assertThat(signedIn.as("learner2", () -> evidence.forDiscussion(discussion))).containsExactly(attached);
        Export opened = signedIn.as("learner2", () -> evidence.open(attached.id()));
        assertThat(Hashing.sha256Hex(opened.content())).isEqualTo(attached.sha256());
        assertThat(opened.content()).hasSize((int) attached.size());
        assertThat(new String(opened.content(), StandardCharsets.UTF_8)).startsWith("Time counter,");

        assertThatThrownBy(() -> signedIn.as("learner", () -> evidence.open(attached.id())))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("learner2", () -> evidence.attachAcMap(discussion, null, AcMapFormat.VTT)))
                .isInstanceOf(AccessRefusedException.class);
    }
}
