package app.earmark.bench;

import app.earmark.search.DocumentKind;
import app.earmark.search.SearchDocument;
import app.earmark.search.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/**
 * The search benchmark's evidence, made deterministically from a seed as the {@code SearchDocument}s the feed makes
 * of it (ids, kinds, learner and assessor ids and names, catalogue units and ACs written {@code 8580-502/2.3} as
 * the feed writes them, outcomes, sheet states, modes, QA states, dates over a year).
 *
 * <p>People: {@value #ASSESSORS} assessors with {@value #LEARNERS_PER_ASSESSOR} learners each ({@value #LEARNERS}
 * learners), {@value #IQAS} IQAs each over {@value #ASSESSORS_PER_IQA} assessors (so each IQA sees 1,000
 * learners). About one learner name in six has accents. Each discussion has a title document, about
 * {@code tagsPerDiscussion} tags (0 to twice that), about half a plan question, now and then QA notes, a QA action and
 * a dispute; each result sheet is one unit's sheet with the assessor's feedback on about 60 % of its ACs and a
 * comment on a learning outcome.
 *
 * <p>Text: sentences of 6 to 24 words drawn by weight from {@code bench/search-words.txt} (every word of the
 * awarding body's documents in {@code /work/shared/seeds}, counted, plus a short list of coaching and recording
 * words), so the term statistics are those of real prose (a few very common words, a long tail), with names of
 * clients, numbers of minutes, AC references ({@code AC 2.3}, {@code 502/2.3}) and planted phrases (about 2 % of
 * notes say "GROW model") so that phrase queries have hits.
 */
final class SearchCorpus {

    static final int ASSESSORS = 200;
    static final int LEARNERS_PER_ASSESSOR = 50;
    static final int LEARNERS = ASSESSORS * LEARNERS_PER_ASSESSOR;
    static final int IQAS = 10;
    static final int ASSESSORS_PER_IQA = ASSESSORS / IQAS;
    static final long FIRST_LEARNER = 1_000_001;
    static final long FIRST_ASSESSOR = 10_001;
    static final LocalDate FIRST_DAY = LocalDate.of(2025, 12, 1);
    static final int DAYS = 365;

    /** The real catalogue: unit code and its ACs. */
    static final Map<String, List<String>> UNITS = Map.of(
            "8580-500", acs("1.1 1.2 1.3 2.1 2.2 2.3 3.1 3.2 3.3 3.4 4.1 4.2"),
            "8580-501", acs("1.1 1.2 1.3 2.1 2.2 2.3 2.4 3.1 3.2 3.3"),
            "8580-502", acs("1.1 1.2 1.3 2.1 2.2 2.3 2.4 3.1 3.2 3.3 4.1 4.2 4.3"),
            "8580-503", acs("1.1 1.2 2.1 2.2 2.3 2.4 3.1 3.2 3.3"),
            "8587-300", acs("1.1 1.2 1.3 1.4 2.1 2.2 2.3 3.1 3.2 3.3 4.1 4.2"),
            "8587-301", acs("1.1 1.2 1.3 1.4 2.1 2.2 2.3 3.1 3.2 3.3 4.1 4.2"),
            "8587-302", acs("1.1 1.2 1.3 2.1 2.2 2.3 2.4 3.1 3.2 3.3 3.4"),
            "8587-303", acs("1.1 1.2 2.1 2.2"),
            "8587-304", acs("1.1 1.2 1.3 2.1 2.2 2.3 2.4 3.1 3.2 3.3 3.4"),
            "8587-305", acs("1.1 1.2 2.1 2.2"));
    static final List<String> L5_UNITS = List.of("8580-500", "8580-501", "8580-502", "8580-503");
    static final List<String> L3_UNITS = List.of("8587-300", "8587-301", "8587-302", "8587-303", "8587-304",
            "8587-305");

    private static final String[] FIRST = {"Zoë", "Seán", "Amélie", "Chloé", "Renée", "José", "Björn", "Zofia",
            "Oliver", "Amelia", "Harry", "Isla", "Jack", "Ava", "George", "Mia", "Noah", "Grace", "Leo", "Freya",
            "Arthur", "Lily", "Oscar", "Emily", "Charlie", "Sophie", "Thomas", "Ella", "James", "Poppy", "Henry",
            "Ruby", "William", "Evie", "Alfie", "Daisy", "Joshua", "Alice", "Muhammad", "Priya", "Aisha", "Sanjay",
            "Fatima", "Kwame", "Niamh", "Siobhán", "Dáire", "Łukasz"};
    private static final String[] LAST = {"Brontë", "O'Brien", "Dupont", "Müller", "Núñez", "Smith", "Jones",
            "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans",
            "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis",
            "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodríguez", "Kowalski", "Nowak", "Ó Súilleabháin",
            "Lefèvre", "Søndergaard"};
    private static final String[] PLANTED = {"GROW model", "active listening", "open questions", "powerful questions",
            "reflective log", "coaching contract", "learning styles", "action plan"};
    private static final String[] TITLES = {"Professional discussion", "Coaching conversation",
            "Mentoring review", "Reflective discussion", "Progress review", "Final professional discussion",
            "Practice session debrief", "Supervision discussion"};

    private final int discussions;
    private final int sheets;
    private final int tagsPerDiscussion;
    private final long seed;
    private final String[] words;
    private final double[] cumulative;

    SearchCorpus(int discussions, int sheets, int tagsPerDiscussion, long seed) {
        this.discussions = discussions;
        this.sheets = sheets;
        this.tagsPerDiscussion = tagsPerDiscussion;
        this.seed = seed;
        var loadedWords = new ArrayList<String>();
        var weights = new ArrayList<Double>();
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                SearchCorpus.class.getResourceAsStream("/bench/search-words.txt"), "bench/search-words.txt"),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                loadedWords.add(fields[0]);
                weights.add(Double.parseDouble(fields[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        words = loadedWords.toArray(String[]::new);
        cumulative = new double[words.length];
        double sum = 0;
        for (int i = 0; i < words.length; i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
        for (int i = 0; i < words.length; i++) {
            cumulative[i] /= sum;
        }
    }

    private static List<String> acs(String numbers) {
        return List.of(numbers.split(" "));
    }

    int discussions() {
        return discussions;
    }

    int sheets() {
        return sheets;
    }

    static long learnerId(int learner) {
        return FIRST_LEARNER + learner;
    }

    static long assessorId(int assessor) {
        return FIRST_ASSESSOR + assessor;
    }

    /**
     * Learners join over time with any assessor, so an assessor's (and an IQA's) learners are scattered through the
     * id sequence, not one run of it: learner {@code l} is at place {@code l × SCATTER mod LEARNERS} of the
     * assessors' roll (a bijection, SCATTER being prime to it), 50 places per assessor.
     */
    private static final long SCATTER = 7_919;
    private static final long UNSCATTER = java.math.BigInteger.valueOf(SCATTER)
            .modInverse(java.math.BigInteger.valueOf(LEARNERS)).longValue();

    static int assessorOf(int learner) {
        return (int) (learner * SCATTER % LEARNERS) / LEARNERS_PER_ASSESSOR;
    }

    /** The learners an assessor sees: their own. */
    static Set<Long> assessorsLearners(int assessor) {
        return ids(assessor * LEARNERS_PER_ASSESSOR, LEARNERS_PER_ASSESSOR);
    }

    /** The learners an IQA sees: those of the assessors they quality-assure. */
    static Set<Long> iqasLearners(int iqa) {
        int perIqa = ASSESSORS_PER_IQA * LEARNERS_PER_ASSESSOR;
        return ids(iqa * perIqa, perIqa);
    }

    /** Every learner (what the administrator is given today: People.visibleLearnerIds() lists them all). */
    static Set<Long> everyLearner() {
        return ids(0, LEARNERS);
    }

    /** The learners at places {@code first} to {@code first + count - 1} of the assessors' roll. */
    private static Set<Long> ids(int first, int count) {
        var ids = new LinkedHashSet<Long>();
        LongStream.range(first, first + count).forEach(place -> ids.add(learnerId((int) (place * UNSCATTER
                % LEARNERS))));
        return ids;
    }

    static String learnerName(int learner) {
        var random = new SplittableRandom(learner * 7919L + 17);
        return FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
    }

    static String assessorName(int assessor) {
        var random = new SplittableRandom(assessor * 104_729L + 3);
        return FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
    }

    static List<String> unitsOf(int learner) {
        return learner % 2 == 0 ? L5_UNITS : L3_UNITS;
    }

    static String qualificationOf(int learner) {
        return learner % 2 == 0 ? "8580" : "8587";
    }

    /**
     * Every document, in the order a full reindex meets them (discussion by discussion, then sheet by sheet), each
     * subject's documents together as the feed upserts them.
     */
    void subjects(Consumer<List<SearchDocument>> subject) {
        for (int d = 0; d < discussions; d++) {
            subject.accept(discussion(d));
        }
        for (int s = 0; s < sheets; s++) {
            subject.accept(sheet(s));
        }
    }

    List<SearchDocument> discussion(int d) {
        var random = new SplittableRandom(seed ^ (d * 0x9E3779B97F4A7C15L));
        int learner = random.nextInt(LEARNERS);
        int assessor = assessorOf(learner);
        long discussionId = 1 + d;
        long version = 1 + random.nextInt(1000);
        LocalDate date = FIRST_DAY.plusDays(random.nextInt(DAYS));
        List<String> units = unitsOf(learner);
        var discussionUnits = new LinkedHashSet<String>();
        discussionUnits.add(units.get(random.nextInt(units.size())));
        if (random.nextInt(3) == 0) {
            discussionUnits.add(units.get(random.nextInt(units.size())));
        }
        List<String> unitList = List.copyOf(discussionUnits);
        String mode = random.nextInt(3) == 0 ? "REMOTE" : "FACE_TO_FACE";
        String title = TITLES[random.nextInt(TITLES.length)] + ": " + sentence(random, 2, 5, false);
        String learnerName = learnerName(learner);
        String assessorName = assessorName(assessor);
        String qualification = qualificationOf(learner);
        long recording = 10L * discussionId;
        var documents = new ArrayList<SearchDocument>();
        documents.add(SearchDocument.builder("discussion:" + discussionId, version, DocumentKind.DISCUSSION_TITLE,
                        learnerId(learner), date, new Target.Moment(discussionId, null, 0))
                .learner(learnerName).assessor(assessorId(assessor), assessorName).discussion(discussionId, title)
                .text("").qualification(qualification).units(unitList).discussionMode(mode).build());
        int tags = random.nextInt(2 * tagsPerDiscussion + 1);
        long ms = 0;
        for (int t = 0; t < tags; t++) {
            ms += 20_000 + random.nextInt(240_000);
            String unit = unitList.get(random.nextInt(unitList.size()));
            List<String> acs = new ArrayList<>();
            int acCount = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2);
            for (int a = 0; a < acCount; a++) {
                List<String> unitAcs = UNITS.get(unit);
                acs.add(unit + "/" + unitAcs.get(random.nextInt(unitAcs.size())));
            }
            documents.add(SearchDocument.builder("tag:" + (discussionId * 100 + t), version,
                            DocumentKind.TAG_NOTE, learnerId(learner), date, new Target.Moment(discussionId, recording,
                                    ms))
                    .learner(learnerName).assessor(assessorId(assessor), assessorName).discussion(discussionId, title)
                    .text(note(random, acs)).qualification(qualification).units(acs.isEmpty() ? unitList : List.of())
                    .acs(acs).discussionMode(mode).build());
        }
        if (random.nextInt(2) == 0) {
            String unit = unitList.get(0);
            String ac = unit + "/" + UNITS.get(unit).get(random.nextInt(UNITS.get(unit).size()));
            documents.add(SearchDocument.builder("plan-question:" + discussionId, version,
                            DocumentKind.PLAN_QUESTION, learnerId(learner), date,
                            new Target.Moment(discussionId, null, 0))
                    .learner(learnerName).assessor(assessorId(assessor), assessorName).discussion(discussionId, title)
                    .text("How did you " + sentence(random, 5, 14, false) + "?").qualification(qualification)
                    .acs(List.of(ac)).discussionMode(mode).build());
        }
        if (random.nextInt(10) == 0) {
            String qaState = pick(random, "OPEN", "ACCEPTED", "ACTION_REQUIRED", "VOIDED");
            int notes = 1 + random.nextInt(3);
            for (int n = 0; n < notes; n++) {
                documents.add(SearchDocument.builder("qa-note:" + (discussionId * 10 + n), version,
                                DocumentKind.QA_NOTE, learnerId(learner), date.plusDays(random.nextInt(20)),
                                new Target.Moment(discussionId, recording, random.nextInt(3_600_000)))
                        .learner(learnerName).assessor(assessorId(assessor), assessorName)
                        .discussion(discussionId, title).text(note(random, List.of())).qualification(qualification)
                        .units(unitList).qaState(qaState).discussionMode(mode).build());
            }
            if ("ACTION_REQUIRED".equals(qaState)) {
                documents.add(SearchDocument.builder("qa-action:" + discussionId, version, DocumentKind.QA_ACTION,
                                learnerId(learner), date.plusDays(random.nextInt(30)),
                                new Target.Moment(discussionId, null, 0))
                        .learner(learnerName).assessor(assessorId(assessor), assessorName)
                        .discussion(discussionId, title).text("Please " + sentence(random, 6, 18, true))
                        .qualification(qualification).units(unitList).qaState(qaState).discussionMode(mode).build());
            }
        }
        if (random.nextInt(100) == 0) {
            documents.add(SearchDocument.builder("dispute:" + discussionId, version, DocumentKind.DISPUTE,
                            learnerId(learner), date.plusDays(random.nextInt(10)),
                            new Target.Moment(discussionId, null, 0))
                    .learner(learnerName).assessor(assessorId(assessor), assessorName).discussion(discussionId, title)
                    .text("I disagree: " + sentence(random, 8, 24, true)).qualification(qualification)
                    .units(unitList).qaState(random.nextBoolean() ? "DISPUTE_OPEN" : "DISPUTE_RESOLVED")
                    .discussionMode(mode).build());
        }
        return documents;
    }

    List<SearchDocument> sheet(int s) {
        var random = new SplittableRandom(~seed ^ (s * 0xC2B2AE3D27D4EB4FL));
        int learner = random.nextInt(LEARNERS);
        long sheetId = 1 + s;
        long version = 1 + random.nextInt(1000);
        LocalDate date = FIRST_DAY.plusDays(random.nextInt(DAYS));
        List<String> units = unitsOf(learner);
        String unit = units.get(random.nextInt(units.size()));
        String state = random.nextInt(5) == 0 ? "DRAFT" : "SIGNED";
        String qaState = random.nextInt(12) == 0 ? pick(random, "QA_ACCEPTED", "ACTION_REQUIRED") : null;
        String learnerName = learnerName(learner);
        Long discussionId = random.nextInt(4) == 0 ? null : 1L + random.nextInt(Math.max(1, discussions));
        var documents = new ArrayList<SearchDocument>();
        for (String number : UNITS.get(unit)) {
            if (random.nextInt(10) >= 6) {
                continue;
            }
            String ac = unit + "/" + number;
            // Sheet documents carry no assessor (a sheet records its author's username only), as the feed makes them.
            documents.add(SearchDocument.builder("sheet-ac:" + sheetId + ":" + ac, version,
                            DocumentKind.SHEET_AC_FEEDBACK, learnerId(learner), date, new Target.SheetAc(sheetId, ac))
                    .learner(learnerName).discussion(discussionId, null).text(note(random, List.of(ac)))
                    .qualification(qualificationOf(learner)).acs(List.of(ac))
                    .outcome(random.nextInt(8) == 0 ? "REFERRAL" : random.nextInt(20) == 0 ? "UNDECIDED" : "PASS")
                    .sheetState(qaState != null && "SIGNED".equals(state) ? qaState : state).build());
        }
        int lo = 1 + random.nextInt(4);
        documents.add(SearchDocument.builder("lo:" + sheetId + ":" + lo, version, DocumentKind.LO_COMMENT,
                        learnerId(learner), date, new Target.SheetAc(sheetId, null))
                .learner(learnerName).discussion(discussionId, null).text(note(random, List.of()))
                .qualification(qualificationOf(learner)).units(List.of(unit)).sheetState(state).build());
        return documents;
    }

    private String note(SplittableRandom random, List<String> acs) {
        var text = new StringBuilder();
        int sentences = 1 + random.nextInt(3);
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(sentence(random, 6, 24, true));
        }
        int extra = random.nextInt(100);
        if (extra < 2) {
            text.append(" Used the GROW model to structure the session.");
        } else if (extra < 8) {
            text.append(" Talked about ").append(PLANTED[random.nextInt(PLANTED.length)]).append(" with ")
                    .append(FIRST[random.nextInt(FIRST.length)]).append('.');
        } else if (extra < 14 && !acs.isEmpty()) {
            String ac = acs.get(0);
            String shortAc = ac.substring(ac.indexOf('-') + 1);
            text.append(random.nextBoolean() ? " Covers AC " + ac.substring(ac.indexOf('/') + 1) + "."
                    : " See " + shortAc + ".");
        } else if (extra < 20) {
            text.append(' ').append(1 + random.nextInt(59)).append("m ").append(random.nextInt(60))
                    .append(" secs.");
        }
        return text.toString();
    }

    private String sentence(SplittableRandom random, int min, int max, boolean stop) {
        int length = min + random.nextInt(max - min + 1);
        var text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            String word = word(random);
            if (i == 0) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            } else {
                text.append(random.nextInt(12) == 0 ? ", " : " ");
            }
            text.append(word);
        }
        if (stop) {
            text.append('.');
        }
        return text.toString();
    }

    private String word(SplittableRandom random) {
        double r = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < r) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return words[low];
    }

    private static String pick(SplittableRandom random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
