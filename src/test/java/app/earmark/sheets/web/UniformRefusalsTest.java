package app.earmark.sheets.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.sheets.AcMapFormat;
import app.earmark.sheets.Evidence;
import app.earmark.sheets.SheetFixtures;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Ids cannot be probed: every refusal on the API's, the browser's media and export paths and the live recorder's
 * paths is the same (status and message, the id aside) for something that exists and the person may not touch as for
 * something that does not exist.
 */
@EarmarkSpringTest
class UniformRefusalsTest {

    private static final long MISSING = 987_654_321L;

    @Autowired
    MockMvc mvc;
    @Autowired
    SheetFixtures sheets;
    @Autowired
    RecordingFixtures recordings;
    @Autowired
    Evidence evidence;
    @Autowired
    LiveRecordings live;
    @Autowired
    SignedIn signedIn;
    @Autowired
    UserDetailsService accounts;

    private String answer(MockHttpServletRequestBuilder request, long id) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        return response.getStatus() + " " + response.getContentAsString()
                .replaceAll("(?<!\\d)" + id + "(?!\\d)", "{id}");
    }

    private void sameForExistingAndMissing(long existing, LongFunction<MockHttpServletRequestBuilder> request)
            throws Exception {
        String refused = answer(request.apply(existing), existing);
        assertThat(refused).as("refusal of %s", existing).startsWith("403 ");
        assertThat(answer(request.apply(MISSING), MISSING)).as("the same for an id that does not exist")
                .isEqualTo(refused);
    }

    @Test
    void theApiAndExportsRefuseAnExistingThingAsOneThatDoesNotExist() throws Exception {
        long discussion = sheets.discussion("learner", "8587-300");
        long recording = recordings.readyRecording(discussion, new byte[1000], "audio/mp4");
        long sheet = sheets.freshSheet("learner", "8587-300").id();
        long attachment = signedIn.as("assessor", () -> evidence.attachAcMap(discussion, null, AcMapFormat.JSON)).id();
        var outsider = httpBasic("learner2", "demo");
        var outsiderSession = user(accounts.loadUserByUsername("learner2"));

        sameForExistingAndMissing(discussion, id -> get("/api/v1/discussions/" + id).with(outsider));
        sameForExistingAndMissing(discussion, id -> get("/api/v1/discussions/" + id + "/ac-map").with(outsider));
        sameForExistingAndMissing(discussion, id -> get("/exports/discussions/" + id + "/ac-map.csv")
                .with(outsiderSession));
        sameForExistingAndMissing(discussion, id -> get("/api/v1/discussions/" + id + "/chaptered").with(outsider));
        sameForExistingAndMissing(discussion, id -> get("/api/v1/discussions/" + id + "/evidence").with(outsider));
        sameForExistingAndMissing(sheet, id -> get("/api/v1/sheets/" + id + "/pdf").with(outsider));
        sameForExistingAndMissing(sheet, id -> get("/exports/sheets/" + id + ".pdf").with(outsiderSession));
        sameForExistingAndMissing(sheet, id -> get("/api/v1/sheets/" + id + "/evidence").with(outsider));
        sameForExistingAndMissing(attachment, id -> get("/api/v1/evidence/" + id).with(outsider));
        sameForExistingAndMissing(attachment, id -> get("/exports/evidence/" + id).with(outsiderSession));
        for (String media : new String[] {"rendition", "poster", "peaks/64", "chaptered/" + "a".repeat(64)}) {
            sameForExistingAndMissing(recording, id -> get("/api/v1/recordings/" + id + "/" + media).with(outsider));
            sameForExistingAndMissing(recording, id -> get("/media/recordings/" + id + "/" + media)
                    .with(outsiderSession));
        }
    }

    @Test
    void theLiveRecorderRefusesAnExistingRecordingAsOneThatDoesNotExist() throws Exception {
        long discussion = recordings.discussionWithLearner().id();
        long recording = signedIn.as("assessor", () -> live.start(discussion)).id();
        for (String someoneElse : new String[] {"assessor2", "learner", "iqa"}) {
            var session = user(accounts.loadUserByUsername(someoneElse));
            sameForExistingAndMissing(recording, id -> put("/live/recordings/" + id + "/chunks/0").with(session)
                    .with(csrf()).contentType(MediaType.APPLICATION_OCTET_STREAM).content(new byte[10]));
            sameForExistingAndMissing(recording, id -> post("/live/recordings/" + id + "/finish").with(session)
                    .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"chunks\":1}"));
        }
    }
}
