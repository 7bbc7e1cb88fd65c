package app.earmark.workspace.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.sheets.SheetFixtures;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagBroadcaster;
import app.earmark.workspace.TagEvents.TagsChanged;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The tagging components' plain requests for tags: an assessor of the learner makes, changes and deletes tags with
 * the session and its CSRF token; anyone else, a request without the token, and a change addressed to one tag but
 * naming another are refused, and nothing is written.
 */
@EarmarkSpringTest
class TagRequestsTest {

    private static final long MISSING = 987_654_321L;

    @Autowired
    MockMvc mvc;
    @Autowired
    SheetFixtures sheets;
    @Autowired
    Tags tags;
    @Autowired
    SignedIn signedIn;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    TagBroadcaster broadcaster;

    private long discussion;
    private long recording;
    private long ac;

    private void prepare() {
        discussion = sheets.discussion("learner", "8587-300");
        recording = sheets.hourLongRecording(discussion);
        List<AssessedCriterion> criteria = sheets.criteria(discussion);
        ac = criteria.get(0).id();
    }

    private RequestPostProcessor as(String username) {
        return user(accounts.loadUserByUsername(username));
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON)).andReturn().getResponse();
    }

    private List<TagView> tagsNow() {
        return signedIn.as("assessor", () -> tags.forRecording(recording));
    }

    @Test
    void anAssessorMakesChangesAndDeletesATag() throws Exception {
        prepare();
        var made = send(post("/workspace/recordings/" + recording + "/tags").with(as("assessor")).with(csrf())
                .content("{\"startMs\":4200,\"endMs\":null,\"criterionIds\":[" + ac + "],\"note\":null}"));
        assertThat(made.getStatus()).isEqualTo(200);
        assertThat(made.getContentAsString()).contains("\"ok\":true", "\"startMs\":4200");
        assertThat(made.getHeader("Cache-Control")).isEqualTo("no-store");
        TagView tag = tagsNow().stream().filter(t -> t.startMs() == 4200).findFirst().orElseThrow();
        assertThat(tag.criterionIds()).containsExactly(ac);
        assertThat(tag.createdBy()).isEqualTo("assessor");

        var changed = send(put("/workspace/tags/" + tag.id()).with(as("assessor")).with(csrf())
                .content("{\"id\":" + tag.id() + ",\"version\":" + tag.version() + ",\"startMs\":5100,\"endMs\":null,"
                        + "\"criterionIds\":[" + ac + "],\"note\":\"Explains it\"}"));
        assertThat(changed.getStatus()).isEqualTo(200);
        TagView now = tagsNow().stream().filter(t -> t.id() == tag.id()).findFirst().orElseThrow();
        assertThat(now.startMs()).isEqualTo(5100);
        assertThat(now.note()).isEqualTo("Explains it");

        var deleted = send(delete("/workspace/tags/" + tag.id()).with(as("assessor")).with(csrf())
                .content("{\"id\":" + tag.id() + ",\"version\":" + now.version() + "}"));
        assertThat(deleted.getStatus()).isEqualTo(200);
        assertThat(tagsNow()).noneMatch(t -> t.id() == tag.id());
    }

    @Test
    void aBadRequestIsRefusedWithItsReasonAndWritesNothing() throws Exception {
        prepare();
        var noTime = send(post("/workspace/recordings/" + recording + "/tags").with(as("assessor")).with(csrf())
                .content("{\"criterionIds\":[" + ac + "]}"));
        assertThat(noTime.getStatus()).isEqualTo(422);
        assertThat(noTime.getContentAsString()).contains("\"ok\":false", "The tag has no time.");
        assertThat(tagsNow()).isEmpty();

        TagView tag = sheets.tag(discussion, recording, 1_000, null, null, sheets.criteria(discussion).get(0).number());
        TagView other = sheets.tag(discussion, recording, 2_000, null, null, sheets.criteria(discussion).get(0).number());
        var elsewhere = send(put("/workspace/tags/" + tag.id()).with(as("assessor")).with(csrf())
                .content("{\"id\":" + other.id() + ",\"version\":" + other.version() + ",\"startMs\":9000,"
                        + "\"criterionIds\":[" + ac + "]}"));
        assertThat(elsewhere.getStatus()).isEqualTo(422);
        assertThat(elsewhere.getContentAsString()).contains("names another tag");
        assertThat(tagsNow()).extracting(TagView::startMs).containsExactlyInAnyOrder(1_000L, 2_000L);
    }

    @Test
    void withoutTheCsrfTokenNothingIsMade() throws Exception {
        prepare();
        var refused = send(post("/workspace/recordings/" + recording + "/tags").with(as("assessor"))
                .content("{\"startMs\":4200,\"criterionIds\":[" + ac + "]}"));
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(tagsNow()).isEmpty();
    }

    @Test
    void someoneWhoMayNotTagIsRefusedAndAnOutsiderAsForARecordingThatDoesNotExist() throws Exception {
        prepare();
        String body = "{\"startMs\":4200,\"criterionIds\":[" + ac + "]}";
        // Another assessor's learner: the recording is none of their business, so it looks as if it did not exist.
        var refused = send(post("/workspace/recordings/" + recording + "/tags").with(as("assessor2")).with(csrf())
                .content(body));
        var missing = send(post("/workspace/recordings/" + MISSING + "/tags").with(as("assessor2")).with(csrf())
                .content(body));
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(missing.getStatus()).isEqualTo(403);
        assertThat(missing.getContentAsString().replace(Long.toString(MISSING), "{id}"))
                .isEqualTo(refused.getContentAsString().replace(Long.toString(recording), "{id}"));
        // The learner and the IQA may see the recording, but not tag it.
        for (String reader : new String[] {"learner", "iqa"}) {
            var notTheirs = send(post("/workspace/recordings/" + recording + "/tags").with(as(reader)).with(csrf())
                    .content(body));
            assertThat(notTheirs.getStatus()).as(reader).isEqualTo(403);
            assertThat(notTheirs.getContentAsString()).as(reader).contains("\"ok\":false");
        }
        assertThat(tagsNow()).isEmpty();
    }

    @Test
    void aChangeToATagOneMayNotTouchIsAnsweredAsOneToATagThatDoesNotExist() throws Exception {
        prepare();
        TagView tag = sheets.tag(discussion, recording, 1_000, null, null, sheets.criteria(discussion).get(0).number());
        for (boolean deleting : new boolean[] {false, true}) {
            String body = "{\"id\":%d,\"version\":" + tag.version() + ",\"startMs\":9000,\"criterionIds\":[" + ac + "]}";
            var notTheirs = send((deleting ? delete("/workspace/tags/" + tag.id()) : put("/workspace/tags/" + tag.id()))
                    .with(as("assessor2")).with(csrf()).content(body.formatted(tag.id())));
            var missing = send((deleting ? delete("/workspace/tags/" + MISSING) : put("/workspace/tags/" + MISSING))
                    .with(as("assessor2")).with(csrf()).content(body.formatted(MISSING)));
            assertThat(notTheirs.getStatus()).as("deleting: %s", deleting).isEqualTo(missing.getStatus()).isEqualTo(422);
            assertThat(notTheirs.getContentAsString()).as("deleting: %s", deleting)
                    .isEqualTo(missing.getContentAsString()).contains("\"ok\":false", "no longer exists");
        }
        assertThat(tagsNow()).singleElement().satisfies(t -> {
            assertThat(t.startMs()).isEqualTo(1_000);
            assertThat(t.version()).isEqualTo(tag.version());
        });
    }

    @Test
    void aChangeIsPushedToTheOtherPagesOfTheRecordingButNotBackToThePageThatSentIt() throws Exception {
        prepare();
        BlockingQueue<TagsChanged> sender = new LinkedBlockingQueue<>();
        BlockingQueue<TagsChanged> other = new LinkedBlockingQueue<>();
        String page = TagRequests.newPage();
        Runnable stopSender = broadcaster.listen(recording, page, sender::add);
        Runnable stopOther = broadcaster.listen(recording, TagRequests.newPage(), other::add);
        try {
            var made = send(post(TagRequests.createUrl(page, recording)).with(as("assessor")).with(csrf())
                    .content("{\"startMs\":4200,\"criterionIds\":[" + ac + "]}"));
            assertThat(made.getStatus()).isEqualTo(200);
            TagView tag = tagsNow().stream().filter(t -> t.startMs() == 4200).findFirst().orElseThrow();
            var changed = send(put(TagRequests.changeUrl(page) + "/" + tag.id()).with(as("assessor")).with(csrf())
                    .content("{\"id\":" + tag.id() + ",\"version\":" + tag.version() + ",\"startMs\":5100,"
                            + "\"criterionIds\":[" + ac + "]}"));
            assertThat(changed.getStatus()).isEqualTo(200);
            // A change made without naming a page (another component, a service) reaches every page.
            var elsewhere = signedIn.as("assessor", () -> tags.create(recording,
                    new Tags.TagDraft(6_000, null, java.util.Set.of(ac), null)));

            assertThat(other.poll(10, TimeUnit.SECONDS)).extracting(TagsChanged::tagId).isEqualTo(tag.id());
            assertThat(other.poll(10, TimeUnit.SECONDS)).extracting(c -> c.tag().startMs()).isEqualTo(5100L);
            assertThat(other.poll(10, TimeUnit.SECONDS)).extracting(TagsChanged::tagId).isEqualTo(elsewhere.id());
            // Pushes go in commit order: once the last change arrived, any echo would have come before it.
            assertThat(sender.poll(10, TimeUnit.SECONDS)).extracting(TagsChanged::tagId).isEqualTo(elsewhere.id());
            assertThat(sender).isEmpty();
        } finally {
            stopSender.run();
            stopOther.run();
        }
    }
}
