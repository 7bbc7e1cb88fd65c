package app.earmark.sampling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The sampling module's own tables (see V12), read and written with plain SQL. */
@Repository
class SamplingStore {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false).build();
    static final int DEFAULT_OVERDUE_DAYS = 14;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    SamplingStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    // plans -------------------------------------------------------------------------------------------------------

    record Plan(long id, long centreId, long iqaId, String name, long seed, int version, PlanDefinition definition,
            String createdBy, Instant createdAt, String savedBy, Instant savedAt) {
    }

    long insertPlan(long centreId, long iqaId, String name, long seed, String by, Instant at) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into sampling_plan (centre_id, iqa_id, name, seed, current_version,"
                    + " created_by, created_at) values (?, ?, ?, ?, 0, ?, ?)", new String[] {"id"});
            ps.setLong(1, centreId);
            ps.setLong(2, iqaId);
            ps.setString(3, name);
            ps.setLong(4, seed);
            ps.setString(5, by);
            ps.setObject(6, odt(at));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    /** Adds the next version of the plan; returns its number. */
    int addVersion(long planId, String name, PlanDefinition definition, String by, Instant at) {
        int next = jdbc.queryForObject("select current_version + 1 from sampling_plan where id = ?", Integer.class,
                planId);
        jdbc.update("insert into sampling_plan_version (plan_id, number, definition, saved_by, saved_at)"
                + " values (?, ?, ?, ?, ?)", planId, next, write(definition), by, odt(at));
        jdbc.update("update sampling_plan set current_version = ?, name = ? where id = ?", next, name, planId);
        return next;
    }

    private static final String PLAN_SELECT = "select p.id, p.centre_id, p.iqa_id, p.name, p.seed, p.current_version,"
            + " p.created_by, p.created_at, v.definition, v.saved_by, v.saved_at from sampling_plan p"
            + " join sampling_plan_version v on v.plan_id = p.id and v.number = p.current_version";

    Optional<Plan> plan(long planId) {
        return jdbc.query(PLAN_SELECT + " where p.id = ?", this::planRow, planId).stream().findFirst();
    }

    List<Plan> plansOfCentre(long centreId) {
        return jdbc.query(PLAN_SELECT + " where p.centre_id = ? order by p.name, p.id", this::planRow, centreId);
    }

    Optional<PlanDefinition> planVersion(long planId, int number) {
        return jdbc.query("select definition from sampling_plan_version where plan_id = ? and number = ?",
                (rs, i) -> read(rs.getString(1), PlanDefinition.class), planId, number).stream().findFirst();
    }

    private Plan planRow(ResultSet rs, int row) throws SQLException {
        return new Plan(rs.getLong("id"), rs.getLong("centre_id"), rs.getLong("iqa_id"), rs.getString("name"),
                rs.getLong("seed"), rs.getInt("current_version"), read(rs.getString("definition"), PlanDefinition.class),
                rs.getString("created_by"), instant(rs, "created_at"), rs.getString("saved_by"),
                instant(rs, "saved_at"));
    }

    // assessments ---------------------------------------------------------------------------------------------------

    boolean hasAssessment(long sheetId) {
        return jdbc.queryForObject("select count(*) from sampling_assessment where sheet_id = ?", Integer.class,
                sheetId) > 0;
    }

    void insertAssessment(Assessment a) {
        jdbc.update("insert into sampling_assessment (sheet_id, previous_id, centre_id, learner_id, assessor_id, unit_id,"
                + " unit_code, qualifications, methods, stage, decision, version_number, criteria, untimed, discussions,"
                + " signed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", a.sheetId(), a.previousId(),
                a.centreId(), a.learnerId(), a.assessorId(), a.unitId(), a.unitCode(), join(a.qualifications()),
                join(a.methods().stream().map(Enum::name).sorted().toList()), a.stage().name(), a.decision(),
                a.versionNumber(), join(a.criteria()), join(a.untimed()), "," + join(a.discussions()) + ",",
                odt(a.signedAt()));
    }

    private static final String ASSESSMENT_SELECT = "select sheet_id, previous_id, centre_id, learner_id, assessor_id,"
            + " unit_id, unit_code, qualifications, methods, stage, decision, version_number, criteria, untimed,"
            + " discussions, signed_at from sampling_assessment";

    Optional<Assessment> assessment(long sheetId) {
        return jdbc.query(ASSESSMENT_SELECT + " where sheet_id = ?", SamplingStore::assessment, sheetId).stream()
                .findFirst();
    }

    /** The centre's assessments by these assessors, oldest first. */
    List<Assessment> assessmentsBy(long centreId, Collection<Long> assessorIds) {
        if (assessorIds.isEmpty()) {
            return List.of();
        }
        return named.query(ASSESSMENT_SELECT + " where centre_id = :centre and assessor_id in (:assessors)"
                + " order by signed_at, sheet_id", new MapSqlParameterSource("centre", centreId)
                .addValue("assessors", assessorIds), SamplingStore::assessment);
    }

    /** The sheet ids recorded of the centre's assessments by these assessors. */
    Set<Long> recordedSheets(long centreId, Collection<Long> assessorIds) {
        if (assessorIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(named.queryForList("select sheet_id from sampling_assessment where centre_id = :centre"
                + " and assessor_id in (:assessors)", new MapSqlParameterSource("centre", centreId)
                .addValue("assessors", assessorIds), Long.class));
    }

    List<Assessment> assessmentsOfCentre(long centreId) {
        return jdbc.query(ASSESSMENT_SELECT + " where centre_id = ? order by signed_at, sheet_id",
                SamplingStore::assessment, centreId);
    }

    List<Assessment> assessmentsOfDiscussion(long discussionId) {
        return jdbc.query(ASSESSMENT_SELECT + " where discussions like ? order by signed_at, sheet_id",
                SamplingStore::assessment, "%," + discussionId + ",%");
    }

    private static Assessment assessment(ResultSet rs, int row) throws SQLException {
        long previous = rs.getLong("previous_id");
        Long previousId = rs.wasNull() ? null : previous;
        String discussions = rs.getString("discussions");
        return new Assessment(rs.getLong("sheet_id"), previousId, rs.getLong("centre_id"), rs.getLong("learner_id"),
                rs.getLong("assessor_id"), rs.getLong("unit_id"), rs.getString("unit_code"),
                split(rs.getString("qualifications")), split(rs.getString("methods")).stream()
                        .map(AssessmentMethod::valueOf).collect(Collectors.toSet()),
                AssessmentStage.valueOf(rs.getString("stage")), rs.getString("decision"), rs.getInt("version_number"),
                split(rs.getString("criteria")).stream().map(Long::valueOf).toList(),
                List.copyOf(split(rs.getString("untimed"))),
                split(discussions).stream().map(Long::valueOf).toList(), instant(rs, "signed_at"));
    }

    // draws -------------------------------------------------------------------------------------------------------------

    record Draw(long id, long planId, int planVersion, long sheetId, String occasion, boolean sampled, double rate,
            double roll, String reason, String drawnBy, Instant drawnAt) {
    }

    /** A decision to save; its inputs are written as JSON when it is saved. */
    record NewDraw(long planId, int planVersion, long sheetId, String occasion, boolean sampled, double rate,
            double roll, String reason, Object inputs, String drawnBy, Instant drawnAt) {
    }

    boolean hasDraw(long planId, long sheetId, String occasion) {
        return jdbc.queryForObject("select count(*) from sampling_draw where plan_id = ? and sheet_id = ? and occasion = ?",
                Integer.class, planId, sheetId, occasion) > 0;
    }

    boolean sampled(long planId, long sheetId) {
        return jdbc.queryForObject("select count(*) from sampling_draw where plan_id = ? and sheet_id = ? and sampled",
                Integer.class, planId, sheetId) > 0;
    }

    /** Ids of the draws inserted, in order (in JDBC batches, then their ids read back by plan, sheet and occasion). */
    List<Long> insertDraws(List<NewDraw> draws) {
        if (draws.isEmpty()) {
            return List.of();
        }
        jdbc.batchUpdate("insert into sampling_draw (plan_id, plan_version, sheet_id, occasion, sampled, rate, roll,"
                + " reason, inputs, drawn_by, drawn_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", draws, 500,
                (ps, d) -> {
                    ps.setLong(1, d.planId());
                    ps.setInt(2, d.planVersion());
                    ps.setLong(3, d.sheetId());
                    ps.setString(4, d.occasion());
                    ps.setBoolean(5, d.sampled());
                    ps.setDouble(6, d.rate());
                    ps.setDouble(7, d.roll());
                    ps.setString(8, d.reason());
                    ps.setString(9, write(d.inputs()));
                    ps.setString(10, d.drawnBy());
                    ps.setObject(11, odt(d.drawnAt()));
                });
        // (plan, sheet, occasion) is unique: read the new ids back, one by one for a few, else by plan and occasion
        if (draws.size() <= 20) {
            return draws.stream().map(d -> jdbc.queryForObject("select id from sampling_draw where plan_id = ? and"
                    + " sheet_id = ? and occasion = ?", Long.class, d.planId(), d.sheetId(), d.occasion())).toList();
        }
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        for (String occasion : draws.stream().map(NewDraw::occasion).distinct().toList()) {
            for (long planId : draws.stream().map(NewDraw::planId).distinct().toList()) {
                jdbc.query("select id, sheet_id from sampling_draw where plan_id = ? and occasion = ?",
                        rs -> {
                            ids.put(planId + ":" + rs.getLong(2) + ":" + occasion, rs.getLong(1));
                        }, planId, occasion);
            }
        }
        return draws.stream().map(d -> ids.get(d.planId() + ":" + d.sheetId() + ":" + d.occasion())).toList();
    }

    private static final String DRAW_SELECT = "select id, plan_id, plan_version, sheet_id, occasion, sampled, rate, roll,"
            + " reason, drawn_by, drawn_at from sampling_draw";

    List<Draw> drawsOfPlan(long planId) {
        return jdbc.query(DRAW_SELECT + " where plan_id = ? order by drawn_at, id", SamplingStore::draw, planId);
    }

    List<Draw> drawsOfPlans(Collection<Long> planIds) {
        if (planIds.isEmpty()) {
            return List.of();
        }
        return named.query(DRAW_SELECT + " where plan_id in (:plans) order by drawn_at, id",
                new MapSqlParameterSource("plans", planIds), SamplingStore::draw);
    }

    /**
     * One sampled assessment not yet reviewed: the first sampled draw of a plan about it (by when it was drawn) with the
     * facts of the assessment the due list shows.
     */
    record DueRow(long planId, long sheetId, Instant drawnAt, String reason, long learnerId, long assessorId,
            String unitCode, int versionNumber, Instant signedAt) {
    }

    private static final String DUE_FROM = " from sampling_draw d join sampling_assessment a on a.sheet_id = d.sheet_id"
            + " where d.plan_id in (:plans) and d.sampled"
            + " and not exists (select 1 from sampling_draw e where e.plan_id = d.plan_id and e.sheet_id = d.sheet_id"
            + " and e.sampled and (e.drawn_at < d.drawn_at or (e.drawn_at = d.drawn_at and e.id < d.id)))"
            + " and not exists (select 1 from sampling_review r where r.sheet_id = d.sheet_id)";

    private static MapSqlParameterSource dueParameters(Collection<Long> planIds, Collection<Long> assessorIds) {
        return new MapSqlParameterSource("plans", planIds).addValue("assessors", assessorIds);
    }

    private static String dueOfAssessors(Collection<Long> assessorIds) {
        return assessorIds == null ? "" : " and a.assessor_id in (:assessors)";
    }

    /**
     * What is due under these plans, oldest sample first ({@code assessorIds}: only assessments by these, or all with
     * {@code null}); at most {@code limit} rows.
     */
    List<DueRow> due(Collection<Long> planIds, Collection<Long> assessorIds, int limit) {
        if (planIds.isEmpty() || (assessorIds != null && assessorIds.isEmpty())) {
            return List.of();
        }
        return named.query("select d.plan_id, d.sheet_id, d.drawn_at, d.reason, a.learner_id, a.assessor_id,"
                + " a.unit_code, a.version_number, a.signed_at" + DUE_FROM + dueOfAssessors(assessorIds)
                + " order by d.drawn_at, a.signed_at, d.sheet_id limit " + limit,
                dueParameters(planIds, assessorIds), (rs, i) -> new DueRow(rs.getLong("plan_id"),
                        rs.getLong("sheet_id"), instant(rs, "drawn_at"), rs.getString("reason"),
                        rs.getLong("learner_id"), rs.getLong("assessor_id"), rs.getString("unit_code"),
                        rs.getInt("version_number"), instant(rs, "signed_at")));
    }

    /** How many are due under these plans, and how many of them were drawn at or before {@code overdueBy}. */
    int[] dueCounts(Collection<Long> planIds, Collection<Long> assessorIds, Instant overdueBy) {
        if (planIds.isEmpty() || (assessorIds != null && assessorIds.isEmpty())) {
            return new int[2];
        }
        return named.queryForObject("select count(*), coalesce(sum(case when d.drawn_at <= :overdue then 1 else 0"
                + " end), 0)" + DUE_FROM + dueOfAssessors(assessorIds), dueParameters(planIds, assessorIds)
                .addValue("overdue", odt(overdueBy)), (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)});
    }

    /**
     * The sheets a plan sampled, oldest sample first, each once ({@code assessorIds}: only assessments by these, or
     * all with {@code null}).
     */
    List<Long> sampledSheets(long planId, Set<Long> assessorIds) {
        Set<Long> ids = new LinkedHashSet<>();
        jdbc.query("select d.sheet_id, a.assessor_id from sampling_draw d join sampling_assessment a"
                + " on a.sheet_id = d.sheet_id where d.plan_id = ? and d.sampled order by d.drawn_at, d.id", rs -> {
                    if (assessorIds == null || assessorIds.contains(rs.getLong(2))) {
                        ids.add(rs.getLong(1));
                    }
                }, planId);
        return List.copyOf(ids);
    }

    String inputs(long drawId) {
        return jdbc.queryForObject("select inputs from sampling_draw where id = ?", String.class, drawId);
    }

    private static Draw draw(ResultSet rs, int row) throws SQLException {
        return new Draw(rs.getLong("id"), rs.getLong("plan_id"), rs.getInt("plan_version"), rs.getLong("sheet_id"),
                rs.getString("occasion"), rs.getBoolean("sampled"), rs.getDouble("rate"), rs.getDouble("roll"),
                rs.getString("reason"), rs.getString("drawn_by"), instant(rs, "drawn_at"));
    }

    // disputes, reviews, settings ----------------------------------------------------------------------------------------

    boolean addDispute(long disputeId, long discussionId, long learnerId, Instant at) {
        if (jdbc.queryForObject("select count(*) from sampling_dispute where dispute_id = ?", Integer.class,
                disputeId) > 0) {
            return false;
        }
        jdbc.update("insert into sampling_dispute (dispute_id, discussion_id, learner_id, disputed_at)"
                + " values (?, ?, ?, ?)", disputeId, discussionId, learnerId, odt(at));
        return true;
    }

    /** The discussions (of all) whose notes a learner disputed. */
    Set<Long> disputedDiscussions() {
        return new HashSet<>(jdbc.queryForList("select distinct discussion_id from sampling_dispute", Long.class));
    }

    boolean disputed(Collection<Long> discussionIds) {
        if (discussionIds.isEmpty()) {
            return false;
        }
        return named.queryForObject("select count(*) from sampling_dispute where discussion_id in (:ids)",
                new MapSqlParameterSource("ids", discussionIds), Integer.class) > 0;
    }

    void addReview(long reviewId, long sheetId, String outcome, String by, Instant at) {
        if (jdbc.queryForObject("select count(*) from sampling_review where review_id = ?", Integer.class,
                reviewId) > 0) {
            return;
        }
        jdbc.update("insert into sampling_review (review_id, sheet_id, outcome, decided_by, decided_at)"
                + " values (?, ?, ?, ?, ?)", reviewId, sheetId, outcome, by, odt(at));
    }

    /** The sheets that have at least one QA review decision. */
    Set<Long> reviewedSheets(Collection<Long> sheetIds) {
        if (sheetIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(named.queryForList("select distinct sheet_id from sampling_review where sheet_id in (:ids)",
                new MapSqlParameterSource("ids", sheetIds), Long.class));
    }

    int overdueDays(long centreId) {
        return jdbc.query("select overdue_days from sampling_setting where centre_id = ?", (rs, i) -> rs.getInt(1),
                centreId).stream().findFirst().orElse(DEFAULT_OVERDUE_DAYS);
    }

    void setOverdueDays(long centreId, int days) {
        if (jdbc.update("update sampling_setting set overdue_days = ? where centre_id = ?", days, centreId) == 0) {
            jdbc.update("insert into sampling_setting (centre_id, overdue_days) values (?, ?)", centreId, days);
        }
    }

    // helpers -----------------------------------------------------------------------------------------------------------

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable sampling record: " + e.getMessage(), e);
        }
    }

    private static String join(Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static Set<String> split(String joined) {
        if (joined == null || joined.isBlank()) {
            return new LinkedHashSet<>();
        }
        return Arrays.stream(joined.split(",")).filter(s -> !s.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static java.time.OffsetDateTime odt(Instant at) {
        return at.atOffset(java.time.ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime at = rs.getObject(column, java.time.OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
