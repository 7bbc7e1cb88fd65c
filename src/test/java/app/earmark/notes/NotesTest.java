package app.earmark.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.EvidencePackContributor;
import app.earmark.base.EvidencePackContributor.PackFile;
import app.earmark.base.EvidencePackContributor.PackScope;
import app.earmark.base.Hashing;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.Recordings;
import app.earmark.people.PeopleAdmin;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.Role;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The learner's authentication and disputes of the notes of a discussion of 8587-300 with one tagged recording. */
@EarmarkSpringTest
class NotesTest {

    @Autowired
    Notes notes;
    @Autowired
    Tags tags;
    @Autowired
    Discussions discussions;
    @Autowired
    Recordings recordings;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PeopleAdmin admin;
    @Autowired
    List<EvidencePackContributor> contributors;

    private long discussion;
    private long recording;
    private List<AssessedCriterion> acs;
    private TagView first;
    private TagView second;

    @BeforeEach
    void taggedDiscussion() {
        discussion = fixtures.discussionWithLearner().id();
        recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        acs = signedIn.as("assessor", () -> discussions.criteria(discussion));
        first = signedIn.as("assessor", () -> tags.create(recording, new TagDraft(12_000, null, Set.of(ac("1.1")),
                "Explains the coaching contract")));
        second = signedIn.as("assessor", () -> tags.create(recording, new TagDraft(30_000, 41_000L,
                Set.of(ac("3.1"), ac("3.2")), "Uses GROW with an example")));
    }

    private long ac(String number) {
        return acs.stream().filter(c -> c.number().equals(number)).findFirst().orElseThrow().id();
    }

    private DiscussionNotes as(String who) {
        return signedIn.as(who, () -> notes.notes(discussion));
    }

    private NotesAuthenticationView authenticate() {
        String shown = as("learner").sha256();
        return signedIn.as("learner", () -> notes.authenticate(discussion, shown));
    }

    @Test
    void anAuthenticationKeepsWhoWhenAndTheHashOfExactlyTheNotesTagsAndRecordingShown() throws Exception {
        DiscussionNotes shown = as("learner");
        assertThat(shown.state()).isEqualTo(NotesState.NOT_AUTHENTICATED);
        assertThat(shown.items()).extracting(DiscussionNotes.NoteItem::note)
                .containsExactly("Explains the coaching contract", "Uses GROW with an example");
        long before = trail.lastSeq();

        NotesAuthenticationView made = signedIn.as("learner", () -> notes.authenticate(discussion, shown.sha256()));

        assertThat(made.authenticatedBy()).isEqualTo("learner");
        assertThat(made.authenticatedAt()).isNotNull();
        assertThat(made.sha256()).isEqualTo(shown.sha256());
        String covered = jdbc.queryForObject("select covered from notes_authentication where id = ?", String.class,
                made.id());
        assertThat(Hashing.sha256Hex(covered)).isEqualTo(made.sha256());
        JsonNode json = new ObjectMapper().readTree(covered);
        assertThat(json.get("format").asText()).isEqualTo("earmark-notes-v1");
        String recordingSha = signedIn.as("learner", () -> recordings.get(recording)).sha256();
        assertThat(json.get("recordings").get(0).get("sha256").asText()).isEqualTo(recordingSha);
        assertThat(json.get("tags")).hasSize(2);
        assertThat(json.get("tags").get(1).get("note").asText()).isEqualTo("Uses GROW with an example");
        assertThat(json.get("tags").get(1).get("criteria").toString()).isEqualTo("[\"8587-300 AC 3.1\",\"8587-300 AC 3.2\"]");
        assertThat(as("learner").state()).isEqualTo(NotesState.AUTHENTICATED);
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("notes-authenticated");
            assertThat((String) e.get("details")).contains(made.sha256());
        });
        assertThatThrownBy(() -> authenticate()).isInstanceOf(NotesException.class)
                .hasMessage("You have already authenticated these notes as they are now.");
    }

    @Test
    void aChangedTagVoidsTheAuthenticationVisiblyWithWhyAndWhenAndAsksTheLearnerAgain() {
        NotesAuthenticationView made = authenticate();
        long before = trail.lastSeq();
        signedIn.as("assessor", () -> tags.update(first.id(), first.version(), new TagDraft(12_000, null,
                Set.of(ac("1.1")), "Explains the coaching contract in part")));

        for (String who : new String[] {"learner", "assessor", "iqa"}) {
            DiscussionNotes seen = as(who);
            assertThat(seen.state()).as(who).isEqualTo(NotesState.CHANGED);
            assertThat(seen.latest()).get().satisfies(a -> {
                assertThat(a.id()).isEqualTo(made.id());
                assertThat(a.voidedAt()).isNotNull();
                assertThat(a.voidReason()).startsWith("Tag " + first.id() + " was changed by assessor from")
                        .contains("in part");
            });
        }
        assertThat(trail.byPeopleSince(before)).extracting(e -> e.get("action"))
                .containsExactly("tag-changed", "notes-authentication-voided");
        NotesAuthenticationView again = authenticate();
        assertThat(again.sha256()).isNotEqualTo(made.sha256());
        assertThat(as("learner").state()).isEqualTo(NotesState.AUTHENTICATED);
        assertThat(as("learner").authentications()).hasSize(2);
    }

    @Test
    void aNewOrDeletedTagAndARemovedRecordingVoidItToo() {
        authenticate();
        signedIn.as("assessor", () -> tags.create(recording, new TagDraft(50_000, null, Set.of(ac("2.1")), null)));
        assertThat(as("learner").latest().orElseThrow().voidReason()).contains("was added by assessor");

        authenticate();
        TagView current = signedIn.as("assessor", () -> tags.forDiscussion(discussion)).stream()
                .filter(t -> t.id() == second.id()).findFirst().orElseThrow();
        signedIn.as("assessor", () -> tags.delete(current.id(), current.version()));
        assertThat(as("learner").latest().orElseThrow().voidReason()).startsWith("Tag " + second.id()
                + " was deleted by assessor");

        long extra = fixtures.readyRecording(discussion, new byte[700], "audio/mp4");
        assertThat(as("learner").state()).as("a recording added without an event is still caught")
                .isEqualTo(NotesState.CHANGED);
        authenticate();
        signedIn.as("assessor", () -> recordings.remove(extra, "Wrong file"));
        assertThat(as("learner").state()).isEqualTo(NotesState.CHANGED);
        assertThat(as("learner").latest().orElseThrow().voidReason()).isEqualTo("Recording " + extra
                + " was removed by assessor.");
    }

    @Test
    void notesThatChangedAfterTheyWereShownAreNotAuthenticated() {
        String shown = as("learner").sha256();
        signedIn.as("assessor", () -> tags.update(first.id(), first.version(), new TagDraft(13_000, null,
                Set.of(ac("1.1")), "moved")));
        long before = trail.lastSeq();

        assertThatThrownBy(() -> signedIn.as("learner", () -> notes.authenticate(discussion, shown)))
                .isInstanceOf(NotesException.class)
                .hasMessageStartingWith("The notes changed after they were shown to you, so your authentication was"
                        + " not saved.");
        assertThat(as("learner").authentications()).isEmpty();
        assertThat(trail.byPeopleSince(before)).isEmpty();
    }

    @Test
    void aDisputeNamesItemsWithACommentIsAnsweredAndStaysInTheRecord() {
        assertThatThrownBy(() -> signedIn.as("learner", () -> notes.dispute(discussion, Set.of(), "wrong")))
                .isInstanceOf(NotesException.class)
                .hasMessage("Choose at least one item of the notes that you dispute.");
        assertThatThrownBy(() -> signedIn.as("learner", () -> notes.dispute(discussion, Set.of(first.id()), " ")))
                .isInstanceOf(NotesException.class).hasMessageStartingWith("Say what is wrong with the items");
        assertThatThrownBy(() -> signedIn.as("learner", () -> notes.dispute(discussion, Set.of(-5L), "wrong")))
                .isInstanceOf(NotesException.class).hasMessageStartingWith("An item you chose is no longer part");
        assertThat(as("learner").disputes()).isEmpty();
        long before = trail.lastSeq();

        NotesDisputeView dispute = signedIn.as("learner", () -> notes.dispute(discussion, Set.of(second.id()),
                "I gave the GROW example at 0m 45s, not here."));

        assertThat(dispute.items()).singleElement().satisfies(i -> {
            assertThat(i.tagId()).isEqualTo(second.id());
            assertThat(i.description()).isEqualTo("0m 30s–0m 41s 8587-300 AC 3.1, 8587-300 AC 3.2 (note: \"Uses GROW"
                    + " with an example\")");
        });
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("notes-disputed");
            assertThat(e.get("actor")).isEqualTo("learner");
        });
        for (String who : new String[] {"assessor", "iqa", "admin"}) {
            assertThat(as(who).disputes()).as(who).singleElement()
                    .satisfies(d -> assertThat(d.comment()).isEqualTo("I gave the GROW example at 0m 45s, not here."));
        }
        assertThat(as("assessor").mayResolve()).isTrue();
        assertThat(as("iqa").mayResolve()).isFalse();

        assertThatThrownBy(() -> signedIn.as("assessor", () -> notes.resolve(dispute.id(), "")))
                .isInstanceOf(NotesException.class).hasMessageStartingWith("Give your answer");
        before = trail.lastSeq();
        signedIn.as("assessor", () -> notes.resolve(dispute.id(), "Moved the tag to 0m 45s."));
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("notes-dispute-resolved");
            assertThat((String) e.get("details")).endsWith("resolved: Moved the tag to 0m 45s.");
        });
        assertThat(as("iqa").disputes()).singleElement().satisfies(d -> {
            assertThat(d.resolved()).isTrue();
            assertThat(d.resolvedBy()).isEqualTo("assessor");
            assertThat(d.resolution()).isEqualTo("Moved the tag to 0m 45s.");
            assertThat(d.comment()).isEqualTo("I gave the GROW example at 0m 45s, not here.");
        });
        assertThatThrownBy(() -> signedIn.as("assessor", () -> notes.resolve(dispute.id(), "again")))
                .isInstanceOf(NotesException.class).hasMessage("This dispute was already resolved by assessor.");
    }

    @Test
    void onlyTheLearnerAuthenticatesOrDisputesAndOnlyTheirAssessorResolves() {
        NotesDisputeView dispute = signedIn.as("learner", () -> notes.dispute(discussion, Set.of(first.id()), "no"));
        String sha = as("learner").sha256();
        for (String who : new String[] {"assessor", "iqa", "admin"}) {
            assertThat(as(who).isLearner()).isFalse();
            assertThatThrownBy(() -> signedIn.as(who, () -> notes.authenticate(discussion, sha))).as(who)
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessage("Only the learner of discussion " + discussion + " can authenticate its notes.");
            assertThatThrownBy(() -> signedIn.as(who, () -> notes.dispute(discussion, Set.of(first.id()), "x")))
                    .as(who).isInstanceOf(AccessRefusedException.class);
        }
        for (String who : new String[] {"learner", "iqa", "admin"}) {
            assertThatThrownBy(() -> signedIn.as(who, () -> notes.resolve(dispute.id(), "ok"))).as(who)
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessage("Only an assessor of this learner can resolve dispute " + dispute.id() + ".");
        }
        assertThat(as("learner").disputes().get(0).resolved()).isFalse();
    }

    @Test
    void anotherLearnerAnotherAssessorAndAnUnassignedIqaAreRefusedAsIfNothingWereThere() {
        NotesDisputeView dispute = signedIn.as("learner", () -> notes.dispute(discussion, Set.of(first.id()), "no"));
        String sha = as("learner").sha256();
        String outsiderIqa = unassignedIqa();
        for (String who : new String[] {"learner2", "assessor2", outsiderIqa}) {
            long before = trail.lastSeq();
            assertThatThrownBy(() -> as(who)).as(who).isInstanceOf(AccessRefusedException.class)
                    .hasMessage("You may not see discussion " + discussion + ".");
            assertThatThrownBy(() -> signedIn.as(who, () -> notes.authenticate(discussion, sha))).as(who)
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessage("You may not see discussion " + discussion + ".");
            assertThatThrownBy(() -> signedIn.as(who, () -> notes.dispute(discussion, Set.of(first.id()), "x")))
                    .as(who).isInstanceOf(AccessRefusedException.class);
            assertThatThrownBy(() -> signedIn.as(who, () -> notes.resolve(dispute.id(), "ok"))).as(who)
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessage("You may not see dispute " + dispute.id() + ".");
            assertThatThrownBy(() -> signedIn.as(who, () -> notes.resolve(Long.MAX_VALUE, "ok"))).as(who)
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessage("You may not see dispute " + Long.MAX_VALUE + ".");
            assertThat(trail.byPeopleSince(before)).as(who).extracting(e -> e.get("action")).hasSize(5)
                    .containsOnly("access-refused");
        }
        assertThatThrownBy(() -> signedIn.as("learner", () -> notes.notes(Long.MAX_VALUE)))
                .isInstanceOf(AccessRefusedException.class)
                .hasMessage("You may not see discussion " + Long.MAX_VALUE + ".");
        assertThat(as("learner").disputes().get(0).resolved()).isFalse();
        assertThat(as("learner").authentications()).isEmpty();
    }

    @Test
    void theLearnersPageListsTheirDiscussionsNotesWithTheirState() {
        authenticate();
        signedIn.as("assessor", () -> tags.update(first.id(), first.version(), new TagDraft(12_000, null,
                Set.of(ac("1.1")), "changed")));
        long learner = trail.userId("learner");
        assertThat(signedIn.as("learner", () -> notes.forLearner(learner)))
                .filteredOn(n -> n.discussion().id() == discussion).singleElement()
                .satisfies(n -> assertThat(n.state()).isEqualTo(NotesState.CHANGED));
    }

    @Test
    void theEvidencePackHoldsTheAuthenticationsWithWhatTheyCoveredAndTheDisputes() throws Exception {
        NotesAuthenticationView made = authenticate();
        signedIn.as("learner", () -> notes.dispute(discussion, Set.of(first.id()), "Not what I said"));
        long learner = trail.userId("learner");
        EvidencePackContributor contributor = contributors.stream().filter(c -> c instanceof NotesEvidence)
                .findFirst().orElseThrow();

        List<PackFile> files = contributor.files(new PackScope(learner, null, null, null));

        PackFile covered = files.stream().filter(f -> f.path().equals("notes/authentication-" + made.id()
                + "-covered.json")).findFirst().orElseThrow();
        try (InputStream in = covered.content().open()) {
            assertThat(Hashing.sha256Hex(in.readAllBytes())).isEqualTo(made.sha256());
        }
        PackFile summary = files.stream().filter(f -> f.path().equals("notes/authentications-and-disputes.json"))
                .findFirst().orElseThrow();
        JsonNode json;
        try (InputStream in = summary.content().open()) {
            json = new ObjectMapper().readTree(in);
        }
        assertThat(json.get("authentications").findValuesAsText("sha256")).contains(made.sha256());
        assertThat(json.get("disputes").findValuesAsText("comment")).contains("Not what I said");
        assertThat(contributor.files(new PackScope(learner, -1L, null, null))).isEmpty();
    }

    private String unassignedIqa() {
        String name = "notes.iqa";
        boolean exists = jdbc.queryForObject("select count(*) from app_user where username = ?", Integer.class,
                name) > 0;
        if (!exists) {
            signedIn.as("admin", () -> admin.createPerson(name, "Nina Unassigned", "long enough password",
                    Set.of(Role.IQA)));
        }
        return name;
    }
}
