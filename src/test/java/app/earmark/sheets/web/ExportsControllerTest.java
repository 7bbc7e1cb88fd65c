package app.earmark.sheets.web;

import static org.assertj.core.api.Assertions.tuple;
import java.util.Map;
import java.util.List;
import app.earmark.base.Hashing;
import app.earmark.support.AuditTrail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.sheets.AcMapFormat;
import app.earmark.sheets.Evidence;
import app.earmark.sheets.EvidenceView;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The export endpoints: format by {@code ?format=} or {@code Accept} under {@code /api/v1} (HTTP Basic), by extension
 * under {@code /exports} (session); authorised like the rest of the API.
 */
@EarmarkSpringTest
class ExportsControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    SheetFixtures fixtures;
    @Autowired
    Evidence evidence;
    @Autowired
    SignedIn signedIn;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    AuditTrail trail;

    private long discussion;
    private String api;

    @BeforeEach
    void taggedDiscussion() {
        discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 115_000, null, "Purpose of coaching", "1.1");
        api = "/api/v1/discussions/" + discussion + "/ac-map";
    }

    @Test
    void withoutAFormatTheMapIsJson() throws Exception {
        mvc.perform(get(api).with(httpBasic("learner", "demo"))).andExpect(status().isOk())
                .andExpect(content().contentType("application/json"))
                .andExpect(jsonPath("$.discussionId").value(discussion))
                .andExpect(jsonPath("$.entries[0].counter").value("1m 55s"))
                .andExpect(jsonPath("$.entries[0].acs[0]").value("1.1"));
    }

    @Test
    void acceptChoosesTheFormat() throws Exception {
        String vtt = mvc.perform(get(api).with(httpBasic("learner", "demo")).header(HttpHeaders.ACCEPT, "text/vtt"))
                .andExpect(status().isOk()).andExpect(content().contentType("text/vtt;charset=utf-8"))
                .andReturn().getResponse().getContentAsString();
        assertThat(vtt).startsWith("WEBVTT\n").contains("00:01:55.000 --> 00:02:25.000\n1m 55s · AC 1.1 — Purpose of coaching");
        mvc.perform(get(api).with(httpBasic("learner", "demo"))
                        .header(HttpHeaders.ACCEPT, "application/json;q=0.5, text/csv"))
                .andExpect(status().isOk()).andExpect(content().contentType("text/csv;charset=utf-8"))
                .andExpect(content().string(org.hamcrest.Matchers.startsWith("Time counter,Start seconds,")));
    }

    @Test
    void theFormatParameterWinsOverAccept() throws Exception {
        mvc.perform(get(api + "?format=csv").with(httpBasic("learner", "demo"))
                        .header(HttpHeaders.ACCEPT, "application/json"))
                .andExpect(status().isOk()).andExpect(content().contentType("text/csv;charset=utf-8"));
    }

    @Test
    void anUnknownFormatIsRefusedWithAMessage() throws Exception {
        mvc.perform(get(api + "?format=xml").with(httpBasic("learner", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("bad_request"))
                .andExpect(jsonPath("$.message").value("There is no AC map format 'xml': use format=json, vtt or csv."));
        mvc.perform(get(api).with(httpBasic("learner", "demo")).header(HttpHeaders.ACCEPT, "application/xml"))
                .andExpect(status().isNotAcceptable())
                .andExpect(content().contentType("application/json"))
                .andExpect(jsonPath("$.message").value("The AC map is made as application/json, text/vtt, text/csv, none"
                        + " of which the Accept header (application/xml) allows; or ask with ?format=json, vtt or csv."));
    }

    @Test
    void anotherLearnerCannotReadTheMapLikeAnythingElseOfTheirs() throws Exception {
        mvc.perform(get(api).with(httpBasic("learner2", "demo"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("You may not see discussion " + discussion + "."));
        mvc.perform(get("/api/v1/discussions/999999/ac-map").with(httpBasic("assessor", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(get(api)).andExpect(status().isUnauthorized());
    }

    @Test
    void theBrowserGetsTheFilesByExtensionWithItsSession() throws Exception {
        String base = "/exports/discussions/" + discussion + "/ac-map.";
        mvc.perform(get(base + "vtt").with(user(accounts.loadUserByUsername("learner")))).andExpect(status().isOk())
                .andExpect(content().contentType("text/vtt;charset=utf-8"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, org.hamcrest.Matchers.containsString("no-store")));
        mvc.perform(get(base + "csv").with(user(accounts.loadUserByUsername("learner")))).andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
                        "inline; filename=\"ac-map-discussion-" + discussion + ".csv\""));
        mvc.perform(get(base + "json").with(user(accounts.loadUserByUsername("iqa")))).andExpect(status().isOk());
        mvc.perform(get(base + "xml").with(user(accounts.loadUserByUsername("learner"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message")
                        .value("There is no AC map as .xml: ask for ac-map.json, ac-map.vtt or ac-map.csv."));
        mvc.perform(get(base + "vtt").with(user(accounts.loadUserByUsername("learner2"))))
                .andExpect(status().isForbidden());
        mvc.perform(get(base + "vtt")).andExpect(result -> assertThat(result.getResponse().getStatus())
                .isIn(302, 401));
    }

    @Test
    void aSheetIsAPdfAndItsEvidenceCanBeListedAndDownloaded() throws Exception {
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");
        byte[] pdf = mvc.perform(get("/api/v1/sheets/" + sheet.id() + "/pdf").with(httpBasic("learner", "demo")))
                .andExpect(status().isOk()).andExpect(content().contentType("application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        mvc.perform(get("/exports/sheets/" + sheet.id() + ".pdf").with(user(accounts.loadUserByUsername("assessor"))))
                .andExpect(status().isOk()).andExpect(content().contentType("application/pdf"));
        mvc.perform(get("/api/v1/sheets/" + sheet.id() + "/pdf").with(httpBasic("learner2", "demo")))
                .andExpect(status().isForbidden());

        EvidenceView attached = signedIn.as("assessor", () -> evidence.attachAcMap(discussion, null, AcMapFormat.VTT));
        mvc.perform(get("/api/v1/discussions/" + discussion + "/evidence").with(httpBasic("learner", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].sha256").value(attached.sha256()))
                .andExpect(jsonPath("$[0].kind").value("AC_MAP_VTT"));
        mvc.perform(get("/exports/evidence/" + attached.id()).with(user(accounts.loadUserByUsername("learner"))))
                .andExpect(status().isOk()).andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + attached.fileName() + "\""))
                .andExpect(content().string(org.hamcrest.Matchers.startsWith("WEBVTT")));
        mvc.perform(get("/api/v1/evidence/" + attached.id()).with(httpBasic("learner2", "demo")))
                .andExpect(status().isForbidden());
    }

    @Test
    void everyDownloadIsAuditedWithTheHashOfWhatWasHandedOut() throws Exception {
        EvidenceView attached = signedIn.as("assessor", () -> evidence.attachAcMap(discussion, null, AcMapFormat.CSV));
        long before = trail.lastSeq();
        byte[] map = mvc.perform(get("/exports/discussions/" + discussion + "/ac-map.json")
                        .with(user(accounts.loadUserByUsername("learner"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        mvc.perform(get("/api/v1/evidence/" + attached.id()).with(httpBasic("assessor", "demo")))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/evidence/" + attached.id()).with(httpBasic("learner2", "demo")))
                .andExpect(status().isForbidden());

        List<Map<String, Object>> entries = trail.byPeopleSince(before);
        assertThat(entries).extracting(e -> e.get("action"), e -> e.get("actor"), e -> e.get("subject"))
                .containsExactly(
                        tuple("export-opened", "learner", "discussion:" + discussion),
                        tuple("export-opened", "assessor", "evidence:" + attached.id()),
                        tuple("access-refused", "learner2", "discussion:" + discussion),
                        tuple("access-refused", "learner2", "evidence:" + attached.id()));
        assertThat((String) entries.get(0).get("details")).contains("ac-map-discussion-" + discussion + ".json",
                Hashing.sha256Hex(map), map.length + " bytes");
        assertThat((String) entries.get(1).get("details")).contains(attached.sha256());
    }

    @Test
    void noExportIsKeptByTheBrowser() throws Exception {
        SheetView sheet = fixtures.freshSheet("learner", "8587-300");
        var learner = user(accounts.loadUserByUsername("learner"));
        for (String path : new String[] {"/exports/sheets/" + sheet.id() + ".pdf",
                "/exports/discussions/" + discussion + "/ac-map.vtt", "/exports/discussions/" + discussion + "/ac-map.csv",
                "/exports/discussions/" + discussion + "/ac-map.json", "/api/v1/sheets/" + sheet.id() + "/pdf",
                api + "?format=vtt", api + "?format=csv", api + "?format=json"}) {
            mvc.perform(get(path).with(learner)).andExpect(status().isOk())
                    .andExpect(header().string(HttpHeaders.CACHE_CONTROL, org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("no-store"),
                            org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("max-age=3600")))));
        }
    }
}
