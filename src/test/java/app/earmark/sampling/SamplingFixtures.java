package app.earmark.sampling;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.recordings.BenchmarkFixtures;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.people.PeopleAdmin;
import app.earmark.people.Relationship;
import app.earmark.security.Role;
import app.earmark.sheets.AcResult;
import app.earmark.sheets.ResultSheets;
import app.earmark.sheets.SheetContent;
import app.earmark.sheets.SheetContent.AcEntry;
import app.earmark.sheets.SheetView;
import app.earmark.support.SignedIn;
import app.earmark.workspace.Tags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * A small team of its own in the demo centre for each test (an assessor, their learner enrolled on 8587, the IQA who
 * quality-assures the assessor and an IQA who does not), and signed assessments made the way the application makes
 * them: a discussion, a ready recording, tags, a sheet saved and signed.
 */
@Component
public class SamplingFixtures {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final PeopleAdmin admin;
    private final Discussions discussions;
    private final BenchmarkFixtures recordings;
    private final Tags tags;
    private final ResultSheets sheets;
    private final Catalogue catalogue;
    private final SignedIn signedIn;

    SamplingFixtures(PeopleAdmin admin, Discussions discussions, BenchmarkFixtures recordings, Tags tags,
            ResultSheets sheets, Catalogue catalogue, SignedIn signedIn) {
        this.admin = admin;
        this.discussions = discussions;
        this.recordings = recordings;
        this.tags = tags;
        this.sheets = sheets;
        this.catalogue = catalogue;
        this.signedIn = signedIn;
    }

    /** Usernames and ids of a team. */
    public record Team(String assessor, long assessorId, String learner, long learnerId, String iqa, long iqaId,
            String otherIqa, long otherIqaId) {
    }

    public Team team() {
        String n = System.nanoTime() % 1_000_000 + "x" + NEXT.incrementAndGet();
        return signedIn.as("admin", () -> {
            long assessor = admin.createPerson("smp-assessor-" + n, "Assessor " + n, "password123",
                    Set.of(Role.ASSESSOR)).id();
            long learner = admin.createPerson("smp-learner-" + n, "Learner " + n, "password123",
                    Set.of(Role.LEARNER)).id();
            long iqa = admin.createPerson("smp-iqa-" + n, "IQA " + n, "password123", Set.of(Role.IQA)).id();
            long other = admin.createPerson("smp-other-" + n, "Other IQA " + n, "password123", Set.of(Role.IQA)).id();
            admin.enrol(learner, "8587", "SMP" + n, LocalDate.of(2026, 1, 5));
            admin.link(Relationship.ASSESSES, assessor, learner);
            admin.link(Relationship.QUALITY_ASSURES, iqa, assessor);
            return new Team("smp-assessor-" + n, assessor, "smp-learner-" + n, learner, "smp-iqa-" + n, iqa,
                    "smp-other-" + n, other);
        });
    }

    /** A discussion of the unit with a ready recording; returns {discussion id, recording id}. */
    public long[] recordedDiscussion(Team team, String unitCode, DiscussionMode mode) {
        long unitId = catalogue.unit(unitCode).orElseThrow().id();
        long discussion = signedIn.as(team.assessor(), () -> discussions.create(List.of(team.learnerId()),
                Set.of(unitId), LocalDate.of(2026, 3, 14), mode)).id();
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-tmp"));
            Path file = Files.writeString(dir.resolve("sampling-fixture.m4a"), "not really audio");
            long recording = recordings.readyRecording(discussion, file, "rendition.m4a", "audio/mp4").recordingId();
            return new long[] {discussion, recording};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A signed sheet of the unit: every AC a Pass (or the first a Referral when {@code referral}), each tagged on the
     * recording except the ACs named in {@code untagged}.
     */
    public SheetView signed(Team team, String unitCode, boolean referral, String... untagged) {
        long[] dr = recordedDiscussion(team, unitCode, DiscussionMode.REMOTE);
        Unit unit = catalogue.unit(unitCode).orElseThrow();
        List<AssessedCriterion> criteria = signedIn.as(team.assessor(), () -> discussions.criteria(dr[0]));
        int at = 1_000;
        for (AssessedCriterion c : criteria) {
            if (!List.of(untagged).contains(c.number())) {
                long start = at;
                signedIn.as(team.assessor(), () -> tags.create(dr[1], new Tags.TagDraft(start, null, Set.of(c.id()),
                        "Evidence of " + c.number())));
                at += 5_000;
            }
        }
        return signedIn.as(team.assessor(), () -> {
            SheetView sheet = sheets.start(team.learnerId(), unit.id());
            Map<Long, AcEntry> entries = new HashMap<>();
            boolean[] first = {referral};
            unit.definition().criteria().forEach(ac -> {
                entries.put(unit.criterionIds().get(ac.number()), new AcEntry(first[0] ? AcResult.REFERRAL
                        : AcResult.PASS, null, "Clear and well evidenced", null));
                first[0] = false;
            });
            SheetView saved = sheets.save(sheet.id(), sheet.version(), false, new SheetContent(entries, Map.of(),
                    Map.of()));
            return sheets.sign(saved.id(), saved.version(), referral ? AcResult.REFERRAL : AcResult.PASS);
        });
    }

    /** The signed sheet amended (a new version, unchanged) and signed again. */
    public SheetView amended(Team team, SheetView signed) {
        return signedIn.as(team.assessor(), () -> {
            SheetView amendment = sheets.amend(signed.id());
            return sheets.sign(amendment.id(), amendment.version(), signed.assessorDecision());
        });
    }

    /** Every assessment at {@code percent}, with the given risk factors. */
    public static PlanDefinition everyAssessment(int percent, RiskFactors risks) {
        return new PlanDefinition(List.of(new SamplingRule(null, null, null, null, null, percent)), risks);
    }
}
