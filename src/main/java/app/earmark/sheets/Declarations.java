package app.earmark.sheets;

import app.earmark.catalogue.LearningOutcome;
import app.earmark.people.AssessorSummary;
import app.earmark.people.People;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import app.earmark.security.EarmarkPrincipal;
import app.earmark.security.Role;
import app.earmark.sheets.DeclarationEvents.AuthenticityConfirmed;
import app.earmark.sheets.DeclarationEvents.DeclarationWithdrawn;
import app.earmark.sheets.DeclarationEvents.QaCheckRecorded;
import app.earmark.sheets.DeclarationEvents.StandardisationRefused;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declarations on a signed result sheet: the learner's confirmation that it is a true record and the work
 * their own, the learner's refusal of use for standardisation, and the QA check by the IQA who
 * quality-assures the assessor who signed it. Each is explicit (nothing is implied by another action),
 * made once per signed version, on the latest version only, tied to that version's content hash, and
 * audited with the exact statement made.
 */
@Service
@Transactional(readOnly = true)
public class Declarations {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
            .withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<Integer, String>> BY_OUTCOME = new TypeReference<>() {
    };

    private final SheetDeclarationRepository declarations;
    private final ResultSheets sheets;
    private final People people;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectProvider<QaCheckVoids> voids;

    Declarations(SheetDeclarationRepository declarations, ResultSheets sheets, People people, CurrentUser currentUser,
            AccessGuard guard, ApplicationEventPublisher events, Clock clock, ObjectProvider<QaCheckVoids> voids) {
        this.voids = voids;
        this.declarations = declarations;
        this.sheets = sheets;
        this.people = people;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
    }

    /** The declarations on a sheet version (none on a draft, where none can be made), for anyone who may see it. */
    public SheetDeclarations of(SheetView sheet) {
        return sheet.signed() ? of(sheet.id()) : SheetDeclarations.none(sheet.id());
    }

    /**
     * The declarations on a sheet version, for anyone who may see the sheet; a QA check whose acceptance was voided
     * since ({@link QaCheckVoids}) says when and why.
     */
    public SheetDeclarations of(long sheetId) {
        sheets.get(sheetId);
        return new SheetDeclarations(sheetId, declarations.findBySheetIdOrderByDeclaredAtAscIdAsc(sheetId).stream()
                .map(d -> withVoid(d.view(read(d.verificationComments())))).toList());
    }

    private Declaration withVoid(Declaration d) {
        if (d.kind() != DeclarationKind.QA_CHECK) {
            return d;
        }
        return voids.stream().flatMap(v -> v.voidOf(d.sheetId()).stream()).findFirst()
                .map(v -> d.voided(v.at(), v.reason())).orElse(d);
    }

    /**
     * The learner confirms that the signed sheet is a true record of the discussion and that the work is
     * their own ({@link #statement}).
     */
    @Transactional
    public Declaration confirmAuthenticity(long sheetId) {
        SheetView sheet = learnerMayDeclare(sheetId);
        Declaration made = record(sheet, DeclarationKind.LEARNER_AUTHENTICITY, null, null, null);
        events.publishEvent(new AuthenticityConfirmed(made.declaredBy(), sheetId, sheet.learner().username(),
                sheet.unit().code(), sheet.versionNumber(), sheet.contentHash(), made.statement()));
        return made;
    }

    /** The learner refuses anonymous use of their work for assessment standardisation. */
    @Transactional
    public Declaration refuseStandardisation(long sheetId) {
        SheetView sheet = learnerMayDeclare(sheetId);
        Declaration made = record(sheet, DeclarationKind.STANDARDISATION_OPT_OUT, null, null, null);
        events.publishEvent(new StandardisationRefused(made.declaredBy(), sheetId, sheet.learner().username(),
                sheet.unit().code(), sheet.versionNumber(), sheet.contentHash(), made.statement()));
        return made;
    }

    /**
     * The learner withdraws a declaration they made (their authenticity confirmation or their refusal of use for
     * standardisation) on the latest signed version, giving the reason. The declaration is kept, marked withdrawn
     * with the date and reason, and is no longer in effect; it is not made again on the same version.
     */
    @Transactional
    public Declaration withdraw(long sheetId, DeclarationKind kind, String reason) {
        SheetView sheet = learnerMayDeclare(sheetId);
        if (kind == DeclarationKind.QA_CHECK) {
            throw new SheetException("A QA check is the IQA's, not the learner's, and is not withdrawn here.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new SheetException("Give the reason for withdrawing the declaration; nothing was withdrawn.");
        }
        if (why.length() > ResultSheets.MAX_TEXT) {
            throw new SheetException("The reason may have at most " + ResultSheets.MAX_TEXT + " characters.");
        }
        SheetDeclaration declaration = declarations.findBySheetIdOrderByDeclaredAtAscIdAsc(sheetId).stream()
                .filter(d -> d.kind() == kind).findFirst().orElseThrow(() -> new SheetException("There is no "
                        + kind.label().toLowerCase(Locale.UK) + " on version " + sheet.versionNumber() + " to withdraw."));
        if (declaration.withdrawn()) {
            throw new SheetException("This declaration was withdrawn already.");
        }
        String by = currentUser.require().getUsername();
        declaration.withdraw(by, clock.instant().truncatedTo(ChronoUnit.MICROS), why);
        SheetDeclaration saved = declarations.saveAndFlush(declaration);
        events.publishEvent(new DeclarationWithdrawn(by, sheetId, sheet.learner().username(), sheet.unit().code(),
                sheet.versionNumber(), sheet.contentHash(), kind, why));
        return saved.view(read(saved.verificationComments()));
    }

    /**
     * The IQA who quality-assures the assessor who signed the sheet records the QA outcome.
     *
     * @param comment              required when action is required
     * @param verificationComments optional comments by learning-outcome number
     */
    @Transactional
    public Declaration recordQaCheck(long sheetId, QaOutcome outcome, String comment,
            Map<Integer, String> verificationComments) {
        SheetView sheet = sheets.get(sheetId);
        requireSignedLatest(sheet, "quality-assured");
        if (!mayCheck(sheet)) {
            throw guard.refuse("sheet:" + sheetId, "Only an IQA who quality-assures the assessor who signed this"
                    + " sheet may record its QA check.");
        }
        if (outcome == null) {
            throw new SheetException("Choose the QA outcome: " + QaOutcome.ACCEPTED.label() + " or "
                    + QaOutcome.ACTION_REQUIRED.label() + ".");
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (outcome == QaOutcome.ACTION_REQUIRED && text == null) {
            throw new SheetException("Say in the comment what action is required.");
        }
        if (text != null && text.length() > ResultSheets.MAX_TEXT) {
            throw new SheetException("The comment may have at most " + ResultSheets.MAX_TEXT + " characters.");
        }
        Map<Integer, String> byOutcome = verification(sheet, verificationComments);
        Declaration made = record(sheet, DeclarationKind.QA_CHECK, outcome, text, byOutcome);
        events.publishEvent(new QaCheckRecorded(made.declaredBy(), sheetId, sheet.learner().username(),
                sheet.unit().code(), sheet.versionNumber(), sheet.contentHash(), outcome, text));
        return made;
    }

    /** Whether the signed-in person is this sheet's learner (who makes the learner's declarations). */
    public boolean mayDeclareAsLearner(SheetView sheet) {
        EarmarkPrincipal me = currentUser.require();
        return me.hasRole(Role.LEARNER) && me.userId() == sheet.learner().id();
    }

    /**
     * Whether the signed-in person may record the QA check of this signed sheet: an IQA who quality-assures
     * the assessor who signed it, and not that assessor.
     */
    public boolean mayCheck(SheetView sheet) {
        EarmarkPrincipal me = currentUser.require();
        if (!sheet.signed() || !me.hasRole(Role.IQA) || me.getUsername().equals(sheet.signedBy())) {
            return false;
        }
        return people.qualityAssuredAssessors().stream().map(AssessorSummary::assessor)
                .anyMatch(a -> a.username().equals(sheet.signedBy()));
    }

    /** Exactly what a declaration of this kind on this signed version says. */
    public static String statement(DeclarationKind kind, SheetView sheet, QaOutcome outcome) {
        String unit = sheet.unit().code() + " " + sheet.unit().title();
        String signed = sheet.signedAt() == null ? "not yet signed" : "signed by the assessor on "
                + DATE.format(sheet.signedAt());
        return switch (kind) {
            case LEARNER_AUTHENTICITY -> "I confirm that version " + sheet.versionNumber() + " of this result sheet"
                    + " for unit " + unit + ", " + signed + ", with its annotated time counters, is a true record of my"
                    + " professional discussion with my assessor, and that the work I presented for this assessment"
                    + " is my own.";
            case STANDARDISATION_OPT_OUT -> "ILM uses learners' work, on an anonymous basis, for assessment"
                    + " standardisation. I refuse: ILM may not use my work for unit " + sheet.unit().code()
                    + " for standardisation, even with all information that may identify me removed.";
            case QA_CHECK -> "QA check of version " + sheet.versionNumber() + " of the result sheet of "
                    + sheet.learner().displayName() + " for unit " + unit + ", " + signed
                    + (sheet.assessorDecision() == null ? "" : " as " + sheet.assessorDecision().label()) + ": "
                    + (outcome == null ? "outcome not chosen" : outcome.label()) + ".";
        };
    }

    private SheetView learnerMayDeclare(long sheetId) {
        SheetView sheet = sheets.get(sheetId);
        if (!mayDeclareAsLearner(sheet)) {
            throw guard.refuse("sheet:" + sheetId, "Only the learner whose result sheet this is may confirm it or"
                    + " refuse its use for standardisation.");
        }
        requireSignedLatest(sheet, "confirmed");
        return sheet;
    }

    private void requireSignedLatest(SheetView sheet, String what) {
        if (!sheet.signed()) {
            throw new SheetException("Version " + sheet.versionNumber() + " of this sheet is a draft the assessor"
                    + " is still writing; it can be " + what + " once the assessor has signed it.");
        }
        List<SheetView> versions = sheets.history(sheet.learner().id(), sheet.unit().id());
        if (versions.get(0).id() != sheet.id()) {
            throw new SheetException("Version " + sheet.versionNumber() + " of this sheet has been amended:"
                    + " version " + versions.get(0).versionNumber() + " replaces it, and declarations are made on"
                    + " the latest version once it is signed.");
        }
    }

    private Declaration record(SheetView sheet, DeclarationKind kind, QaOutcome outcome, String comment,
            Map<Integer, String> verificationComments) {
        declarations.findBySheetIdOrderByDeclaredAtAscIdAsc(sheet.id()).stream().filter(d -> d.kind() == kind)
                .findFirst().ifPresent(d -> {
                    Declaration earlier = d.view(Map.of());
                    if (earlier.withdrawn()) {
                        throw new SheetException(earlier.declaredByName() + " made this declaration ("
                                + kind.label().toLowerCase(Locale.UK) + ") on version " + sheet.versionNumber()
                                + " and withdrew it on " + DATE.format(earlier.withdrawnAt()) + "; a withdrawn"
                                + " declaration is not made again on the same version.");
                    }
                    throw new SheetException(earlier.declaredByName() + " already made this declaration ("
                            + kind.label().toLowerCase(Locale.UK) + ") on version " + sheet.versionNumber() + " on "
                            + DATE.format(earlier.declaredAt()) + "; it is made once per signed version.");
                });
        EarmarkPrincipal me = currentUser.require();
        String json = verificationComments == null || verificationComments.isEmpty() ? null
                : write(verificationComments);
        try {
            // Stored to the microsecond (as both databases keep it), so what is returned is what is read back.
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            SheetDeclaration saved = declarations.saveAndFlush(new SheetDeclaration(sheet, kind, me.getUsername(),
                    me.displayName(), at, outcome, comment, json, statement(kind, sheet, outcome)));
            return saved.view(verificationComments);
        } catch (DataIntegrityViolationException e) {
            throw new SheetException("Someone made this declaration on version " + sheet.versionNumber()
                    + " at the same moment; it is made once per signed version. Reload to see it.");
        }
    }

    private static Map<Integer, String> verification(SheetView sheet, Map<Integer, String> comments) {
        Map<Integer, String> kept = new TreeMap<>();
        if (comments == null) {
            return kept;
        }
        Set<Integer> outcomes = sheet.unit().definition().learningOutcomes().stream().map(LearningOutcome::number)
                .collect(Collectors.toSet());
        comments.forEach((lo, text) -> {
            if (text == null || text.isBlank()) {
                return;
            }
            if (!outcomes.contains(lo)) {
                throw new SheetException("Unit " + sheet.unit().code() + " has no learning outcome " + lo + ".");
            }
            if (text.length() > ResultSheets.MAX_TEXT) {
                throw new SheetException("The verification comments on learning outcome " + lo + " may have at most "
                        + ResultSheets.MAX_TEXT + " characters.");
            }
            kept.put(lo, text.strip());
        });
        return kept;
    }

    private static String write(Map<Integer, String> comments) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(comments));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Integer, String> read(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, BY_OUTCOME);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored verification comments could not be read", e);
        }
    }
}
