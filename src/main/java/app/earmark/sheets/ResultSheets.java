package app.earmark.sheets;

import app.earmark.base.Hashing;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Qualification;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.people.EnrolmentSummary;
import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import app.earmark.sheets.SheetEvents.SheetAmended;
import app.earmark.sheets.SheetEvents.SheetSaved;
import app.earmark.sheets.SheetEvents.SheetSigned;
import app.earmark.workspace.Tags;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Result sheets. Anyone who may see the learner may read them; an assessor of the learner writes, signs
 * and amends them. The outcome is always computed by the rules ({@link SheetRules}); a signature that
 * contradicts them is refused. A signed version is frozen (content, time counters, unit version) and
 * hashed.
 */
@Service
@Transactional(readOnly = true)
public class ResultSheets {

    static final int MAX_TEXT = 4000;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .addModule(new JavaTimeModule()).build();

    private final ResultSheetRepository sheets;
    private final Catalogue catalogue;
    private final People people;
    private final Discussions discussions;
    private final Tags tags;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SheetsProperties properties;

    ResultSheets(ResultSheetRepository sheets, Catalogue catalogue, People people, Discussions discussions, Tags tags,
            CurrentUser currentUser, AccessGuard guard, ApplicationEventPublisher events, Clock clock,
            SheetsProperties properties) {
        this.sheets = sheets;
        this.catalogue = catalogue;
        this.people = people;
        this.discussions = discussions;
        this.tags = tags;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    /** What a stored version holds: the content, and once signed, the time counters as they were. */
    record Stored(SheetContent content, Map<Long, List<TimeCounterRef>> counters) {
    }

    /** The latest version of the learner's sheet for the unit version, if any. */
    public java.util.Optional<SheetView> current(long learnerId, long unitId) {
        LearnerSummary learner = people.learner(learnerId);
        EarmarkPrincipal me = currentUser.require();
        return sheets.findByLearnerIdAndUnitIdOrderByVersionNumberDesc(learnerId, unitId).stream()
                .filter(sheet -> maySee(me, sheet)).findFirst()
                .map(sheet -> view(sheet, learner));
    }

    /** Every version of the learner's sheet for the unit version, newest first. */
    public List<SheetView> history(long learnerId, long unitId) {
        LearnerSummary learner = people.learner(learnerId);
        EarmarkPrincipal me = currentUser.require();
        return sheets.findByLearnerIdAndUnitIdOrderByVersionNumberDesc(learnerId, unitId).stream()
                .filter(sheet -> maySee(me, sheet)).map(sheet -> view(sheet, learner)).toList();
    }

    /**
     * The signed versions these assessors (by username) signed, of learners the signed-in person may see, by id only:
     * for a sampling plan's draw to find those it has not recorded without reading every learner's sheets.
     */
    public List<SignedSheetRef> signedBy(java.util.Collection<String> signers) {
        if (signers.isEmpty()) {
            return List.of();
        }
        java.util.Set<Long> visible = people.visibleLearnerIds();
        return sheets.findSignedBy(signers).stream().filter(s -> visible.contains(s.learnerId())).toList();
    }

    public SheetView get(long sheetId) {
        ResultSheet sheet = visible(sheetId);
        return view(sheet, people.learner(sheet.learnerId()));
    }

    /** Starts the learner's sheet for a unit version (an assessor of the learner; the unit must be theirs). */
    @Transactional
    public SheetView start(long learnerId, long unitId) {
        requireAssessorOf(learnerId, "learner:" + learnerId);
        if (!sheets.findByLearnerIdAndUnitIdOrderByVersionNumberDesc(learnerId, unitId).isEmpty()) {
            throw new SheetException("This learner already has a sheet for this unit; open it instead.");
        }
        Unit unit = catalogue.unit(unitId).orElseThrow(() -> new SheetException("There is no unit " + unitId + "."));
        if (!unitsOf(people.learner(learnerId)).contains(unit.code())) {
            throw new SheetException("Unit " + unit.code() + " is not one of the learner's units.");
        }
        ResultSheet sheet = sheets.saveAndFlush(new ResultSheet(learnerId, unitId, 1, null, unit.definition().isMarked(),
                write(new Stored(SheetContent.empty(), null)), currentUser.actorName(), clock.instant()));
        return view(sheet, people.learner(learnerId));
    }

    /** Saves a draft. A signed version is never edited: amend it instead. */
    @Transactional
    public SheetView save(long sheetId, long expectedVersion, boolean useMarks, SheetContent content) {
        ResultSheet sheet = editable(sheetId, expectedVersion);
        Unit unit = unit(sheet);
        List<String> problems = SheetRules.problems(unit, content, useMarks);
        if (!problems.isEmpty()) {
            throw new SheetException("Nothing was saved:", problems);
        }
        sheet.edit(useMarks, write(new Stored(content, null)), currentUser.actorName(), clock.instant());
        ResultSheet saved = sheets.saveAndFlush(sheet);
        LearnerSummary learner = people.learner(sheet.learnerId());
        events.publishEvent(new SheetSaved(currentUser.actorName(), sheetId, learner.username(), unit.code(),
                sheet.versionNumber()));
        return view(saved, learner);
    }

    /**
     * Signs the sheet with the assessor's decision, which must be the one the rules give. The signed
     * version freezes the content and the time counters and gets its SHA-256.
     */
    @Transactional
    public SheetView sign(long sheetId, long expectedVersion, AcResult decision) {
        ResultSheet sheet = editable(sheetId, expectedVersion);
        LearnerSummary learner = people.learner(sheet.learnerId());
        SheetView draft = view(sheet, learner);
        Evaluation evaluation = draft.evaluation();
        if (!evaluation.valid()) {
            throw new SheetException("The sheet cannot be signed: some marks are not possible:", evaluation.invalid());
        }
        if (!evaluation.complete()) {
            throw new SheetException("The sheet cannot be signed yet: these ACs have no decision:",
                    List.of(String.join(", ", evaluation.undecided()) + "."));
        }
        if (decision != evaluation.outcome()) {
            throw new SheetException("The rules make this unit a " + evaluation.outcome().label() + ", so a "
                    + (decision == null ? "decision" : decision.label()) + " cannot be signed.",
                    evaluation.outcome() == AcResult.REFERRAL ? evaluation.referrals().stream().map(r -> r + ".").toList()
                            : List.of("Every AC is met."));
        }
        if (properties.requireFeedback()) {
            List<String> missing = SheetRules.missingFeedback(draft.unit(), draft.content());
            if (!missing.isEmpty()) {
                throw new SheetException("This centre requires feedback on every AC; there is none yet on:",
                        List.of(String.join(", ", missing) + "."));
            }
        }
        Instant now = clock.instant();
        String by = currentUser.actorName();
        String frozen = write(new Stored(draft.content(), draft.counters()));
        String hash = hash(draft, frozen, decision, by, now);
        sheet.sign(decision, frozen, hash, by, now);
        ResultSheet signed = sheets.saveAndFlush(sheet);
        String summary = evaluation.totalMarks() == null ? "" : " (" + evaluation.totalMarks() + " of "
                + evaluation.maxMarks() + " marks, " + evaluation.percentage() + "%)";
        events.publishEvent(new SheetSigned(by, sheetId, learner.username(), draft.unit().code(), sheet.versionNumber(),
                decision, summary, hash));
        return view(signed, learner);
    }

    /** Starts an amendment: a new draft version copied from the signed one, which stays as it was. */
    @Transactional
    public SheetView amend(long sheetId) {
        ResultSheet signed = visible(sheetId);
        requireAssessorOf(signed.learnerId(), "sheet:" + sheetId);
        List<ResultSheet> versions = sheets.findByLearnerIdAndUnitIdOrderByVersionNumberDesc(signed.learnerId(),
                signed.unitId());
        if (signed.status() != SheetStatus.SIGNED || versions.get(0).id().longValue() != sheetId) {
            throw new SheetException("Only the latest signed version of a sheet can be amended.");
        }
        Stored stored = read(signed.content());
        ResultSheet amendment = sheets.saveAndFlush(new ResultSheet(signed.learnerId(), signed.unitId(),
                signed.versionNumber() + 1, signed.id(), signed.useMarks(), write(new Stored(stored.content(), null)),
                currentUser.actorName(), clock.instant()));
        events.publishEvent(new SheetAmended(currentUser.actorName(), sheetId, amendment.id(),
                amendment.versionNumber()));
        return view(amendment, people.learner(signed.learnerId()));
    }

    /** The learner's progress towards each qualification they are enrolled on, by its rules of combination. */
    public List<Progress> progress(long learnerId) {
        LearnerSummary learner = people.learner(learnerId);
        Map<String, Integer> creditsByUnit = new LinkedHashMap<>();
        Set<String> passed = new java.util.TreeSet<>();
        Map<Long, List<ResultSheet>> byUnit = sheets.findByLearnerId(learnerId).stream()
                .collect(Collectors.groupingBy(ResultSheet::unitId));
        byUnit.forEach((unitId, versions) -> versions.stream().filter(s -> s.status() == SheetStatus.SIGNED)
                .max(Comparator.comparing(ResultSheet::versionNumber))
                .filter(latest -> latest.assessorDecision() == AcResult.PASS)
                .flatMap(latest -> catalogue.unit(unitId)).ifPresent(unit -> {
                    passed.add(unit.code());
                    creditsByUnit.put(unit.code(), unit.definition().credits() == null ? 0 : unit.definition().credits());
                }));
        List<Progress> progress = new ArrayList<>();
        for (EnrolmentSummary enrolment : learner.enrolments()) {
            catalogue.qualification(enrolment.qualificationCode()).ifPresent(q -> {
                List<String> mine = q.definition().units().stream().filter(passed::contains).toList();
                int credits = mine.stream().mapToInt(code -> creditsByUnit.getOrDefault(code, 0)).sum();
                progress.add(new Progress(q.code(), q.title(), mine, credits, q.definition().rulesOfCombination()
                        .stream().map(rule -> award(rule, passed, credits)).toList()));
            });
        }
        return progress;
    }

    private static Progress.Award award(app.earmark.catalogue.CombinationRule rule, Set<String> passed, int credits) {
        List<String> missing = new ArrayList<>();
        List<String> mandatory = rule.mandatory().stream().filter(code -> !passed.contains(code)).toList();
        if (!mandatory.isEmpty()) {
            missing.add("pass " + String.join(" and ", mandatory));
        }
        if (!rule.oneGroupOf().isEmpty() && rule.oneGroupOf().stream()
                .noneMatch(group -> passed.containsAll(group.units()))) {
            missing.add("complete one of " + rule.oneGroupOf().stream().map(g -> g.name() + " ("
                    + g.units().stream().map(u -> passed.contains(u) ? u + " passed" : u).collect(Collectors.joining(" + "))
                    + ")").collect(Collectors.joining(" or ")));
        }
        if (rule.minimumCredits() != null && credits < rule.minimumCredits()) {
            missing.add("gain " + (rule.minimumCredits() - credits) + " more credits (" + credits + " of "
                    + rule.minimumCredits() + ")");
        }
        return new Progress.Award(rule.award(), missing.isEmpty(), missing,
                rule.unconfirmed() ? rule.provisional() : null);
    }

    /** Whether the signed-in person may write this learner's sheets (for showing controls). */
    public boolean mayAssess(long learnerId) {
        EarmarkPrincipal me = currentUser.require();
        return me.hasRole(Role.ASSESSOR) && people.assesses(me.userId(), learnerId);
    }

    /** The unit versions the learner's discussions assessed, and the units of their qualifications. */
    public List<Unit> unitsToAssess(long learnerId) {
        LearnerSummary learner = people.learner(learnerId);
        Map<String, Unit> units = new LinkedHashMap<>();
        for (EnrolmentSummary enrolment : learner.enrolments()) {
            catalogue.qualification(enrolment.qualificationCode()).map(Qualification::units).orElse(List.of())
                    .forEach(u -> units.putIfAbsent(u.code() + " v" + u.version(), u));
        }
        learnerDiscussions(learnerId).forEach(d -> d.units().forEach(ref -> catalogue.unit(ref.id())
                .ifPresent(u -> units.putIfAbsent(u.code() + " v" + u.version(), u))));
        return List.copyOf(units.values());
    }

    private ResultSheet visible(long sheetId) {
        return sheets.findById(sheetId).filter(s -> maySee(currentUser.require(), s))
                .orElseThrow(() -> guard.refuse("sheet:" + sheetId, "You may not see result sheet " + sheetId + "."));
    }

    /**
     * The one check for a sheet version and its outputs: its unit, dated by its signature (a draft by when it was
     * started).
     */
    private boolean maySee(EarmarkPrincipal viewer, ResultSheet sheet) {
        java.time.Instant dated = sheet.signedAt() != null ? sheet.signedAt() : sheet.createdAt();
        return people.maySeeEvidence(viewer, sheet.learnerId(), java.util.Set.of(sheet.unitId()),
                dated.atZone(java.time.ZoneOffset.UTC).toLocalDate());
    }

    private ResultSheet editable(long sheetId, long expectedVersion) {
        ResultSheet sheet = visible(sheetId);
        requireAssessorOf(sheet.learnerId(), "sheet:" + sheetId);
        if (sheet.status() == SheetStatus.SIGNED) {
            throw new SheetException("Version " + sheet.versionNumber() + " of this sheet is signed and cannot be"
                    + " changed. To change it, amend it: that starts version " + (sheet.versionNumber() + 1)
                    + ", and the signed version stays as it is.");
        }
        if (sheet.version() != expectedVersion) {
            throw new SheetException("Someone else saved this sheet after you opened it; nothing was saved. Reload"
                    + " it to see their changes.");
        }
        return sheet;
    }

    private void requireAssessorOf(long learnerId, String subject) {
        EarmarkPrincipal me = currentUser.require();
        if (!me.hasRole(Role.ASSESSOR) || !people.assesses(me.userId(), learnerId)) {
            throw guard.refuse(subject, "Only an assessor of this learner may write or sign their result sheets.");
        }
    }

    private Unit unit(ResultSheet sheet) {
        return catalogue.unit(sheet.unitId()).orElseThrow();
    }

    private SheetView view(ResultSheet sheet, LearnerSummary learner) {
        Unit unit = unit(sheet);
        Stored stored = read(sheet.content());
        Map<Long, List<TimeCounterRef>> counters = stored.counters() != null ? stored.counters()
                : liveCounters(sheet.learnerId(), unit);
        Evaluation evaluation = SheetRules.evaluate(unit, stored.content(), sheet.useMarks(), counters.keySet());
        return new SheetView(sheet.id(), sheet.version(), sheet.versionNumber(), sheet.previousId(), sheet.status(),
                sheet.useMarks(), people.centre(), learner.ref(), registrationNumber(learner, unit), unit,
                stored.content(), evaluation, counters, sheet.assessorDecision(), sheet.signedBy(), sheet.signedAt(),
                sheet.contentHash(), sheet.createdBy(), sheet.createdAt());
    }

    /** Time counters of every tagged discussion of this learner that assessed this unit version. */
    private Map<Long, List<TimeCounterRef>> liveCounters(long learnerId, Unit unit) {
        Set<Long> criteria = Set.copyOf(unit.criterionIds().values());
        Map<Long, List<TimeCounterRef>> counters = new TreeMap<>();
        for (DiscussionSummary discussion : learnerDiscussions(learnerId)) {
            if (discussion.units().stream().noneMatch(u -> u.id() == unit.id())) {
                continue;
            }
            tags.coverage(discussion.id()).rows().stream().filter(row -> criteria.contains(row.criterion().id()))
                    .forEach(row -> row.counters().forEach(c -> counters.computeIfAbsent(row.criterion().id(),
                            k -> new ArrayList<>()).add(new TimeCounterRef(discussion.id(), c.recordingId(), c.tagId(),
                            c.startMs(), c.endMs(), c.note()))));
        }
        counters.values().forEach(list -> list.sort(Comparator.comparing(TimeCounterRef::discussionId)
                .thenComparing(TimeCounterRef::recordingId).thenComparing(TimeCounterRef::startMs)));
        return counters;
    }

    private List<DiscussionSummary> learnerDiscussions(long learnerId) {
        return discussions.visible().stream().filter(d -> d.learner().id() == learnerId)
                .sorted(Comparator.comparing(DiscussionSummary::heldOn).thenComparing(DiscussionSummary::id)).toList();
    }

    private Set<String> unitsOf(LearnerSummary learner) {
        Set<String> codes = learner.enrolments().stream().flatMap(e -> catalogue.qualification(e.qualificationCode())
                .map(q -> q.definition().units().stream()).orElse(java.util.stream.Stream.empty()))
                .collect(Collectors.toSet());
        catalogue.standaloneUnits().forEach(u -> codes.add(u.code()));
        return codes;
    }

    private String registrationNumber(LearnerSummary learner, Unit unit) {
        return learner.enrolments().stream()
                .filter(e -> catalogue.qualification(e.qualificationCode())
                        .map(q -> q.definition().units().contains(unit.code())).orElse(false))
                .map(EnrolmentSummary::registrationNumber).findFirst()
                .orElse(learner.enrolments().stream().map(EnrolmentSummary::registrationNumber).findFirst().orElse(""));
    }

    /** SHA-256 over everything the signature covers, as canonical JSON. */
    private static String hash(SheetView draft, String frozen, AcResult decision, String by, Instant at) {
        var covered = new LinkedHashMap<String, Object>();
        covered.put("centre", draft.centre());
        covered.put("learner", draft.learner());
        covered.put("registrationNumber", draft.registrationNumber());
        covered.put("unit", Map.of("id", draft.unit().id(), "code", draft.unit().code(), "version",
                draft.unit().version(), "contentHash", draft.unit().contentHash()));
        covered.put("versionNumber", draft.versionNumber());
        covered.put("useMarks", draft.useMarks());
        covered.put("sheet", frozen);
        covered.put("decision", decision);
        covered.put("signedBy", by);
        covered.put("signedAt", at.toString());
        return Hashing.sha256Hex(write(covered));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stored read(String json) {
        try {
            return JSON.readValue(json, Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored sheet could not be read", e);
        }
    }
}
