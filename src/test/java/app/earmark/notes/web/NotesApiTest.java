package app.earmark.notes.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.notes.Notes;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The notes' read-only API answers those who may see the discussion, and refuses everyone else alike. */
@EarmarkSpringTest
class NotesApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Notes notes;
    @Autowired
    Tags tags;
    @Autowired
    Discussions discussions;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    private long discussion;
    private TagView tag;

    @BeforeEach
    void authenticatedAndDisputedNotes() {
        discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        tag = signedIn.as("assessor", () -> tags.create(recording, new TagDraft(5_000, null, Set.of(ac),
                "Sets the scene")));
        String sha = signedIn.as("learner", () -> notes.notes(discussion)).sha256();
        signedIn.as("learner", () -> notes.authenticate(discussion, sha));
        signedIn.as("learner", () -> notes.dispute(discussion, Set.of(tag.id()), "Not in those words"));
    }

    @Test
    void theLearnerTheirAssessorTheIqaAndTheAdministratorReadTheNotes() throws Exception {
        for (String who : new String[] {"learner", "assessor", "iqa", "admin"}) {
            mvc.perform(get("/api/v1/discussions/" + discussion + "/notes").with(httpBasic(who, "demo")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.state").value("AUTHENTICATED"))
                    .andExpect(jsonPath("$.items[0].note").value("Sets the scene"))
                    .andExpect(jsonPath("$.authentications[0].authenticatedBy").value("learner"))
                    .andExpect(jsonPath("$.authentications[0].sha256").isString())
                    .andExpect(jsonPath("$.disputes[0].comment").value("Not in those words"))
                    .andExpect(jsonPath("$.disputes[0].items[0].tagId").value(tag.id()));
        }
    }

    @Test
    void anotherLearnerOrAssessorIsRefusedAsForAnIdThatDoesNotExistAndTheApiChangesNothing() throws Exception {
        for (String who : new String[] {"learner2", "assessor2"}) {
            long before = trail.lastSeq();
            String refused = mvc.perform(get("/api/v1/discussions/" + discussion + "/notes")
                    .with(httpBasic(who, "demo"))).andExpect(status().isForbidden())
                    .andReturn().getResponse().getContentAsString();
            String missing = mvc.perform(get("/api/v1/discussions/" + Long.MAX_VALUE + "/notes")
                    .with(httpBasic(who, "demo"))).andExpect(status().isForbidden())
                    .andReturn().getResponse().getContentAsString();
            assertThat(refused.replace(String.valueOf(discussion), "N"))
                    .isEqualTo(missing.replace(String.valueOf(Long.MAX_VALUE), "N"));
            assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("action")).containsOnly("access-refused");
        }
        mvc.perform(get("/api/v1/discussions/" + discussion + "/notes")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/discussions/" + discussion + "/notes").with(httpBasic("learner", "demo")))
                .andExpect(status().isForbidden());
    }
}
