package app.earmark.support;

import com.deque.html.axecore.args.AxeRuleOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * axe-core (the npm package, carried by Deque's Playwright integration) run on the page as it is in the browser.
 * {@link #check} fails on any serious or critical violation, and on any violation of the rules issue 9 named
 * whatever their impact (one {@code h1}, content inside landmarks, accessible names containing the visible label).
 */
public final class Axe {

    /** Impacts that always fail a page. */
    static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    /**
     * Rules held to zero violations whatever axe rates their impact: a page's {@code h1}, its landmarks, and
     * names that contain the visible label ({@code label-content-name-mismatch} is experimental, so it is
     * switched on here).
     */
    static final Set<String> HELD_RULES = Set.of("page-has-heading-one", "region", "landmark-one-main",
            "landmark-no-duplicate-main", "landmark-unique", "label-content-name-mismatch");

    private Axe() {
    }

    /** Every violation on the page (all impacts, best practices and the experimental name-mismatch rule included). */
    public static List<Rule> violations(Page page) {
        var options = new AxeRunOptions();
        options.setResultTypes(List.of("violations"));
        var enabled = new AxeRuleOptions();
        enabled.setEnabled(true);
        options.setRules(Map.of("label-content-name-mismatch", enabled));
        // A notification still fading in or out is drawn half-transparent, and its colours then fail contrast that
        // they meet once shown: wait until every notification has finished appearing or leaving.
        page.waitForFunction("() => [...document.querySelectorAll('vaadin-notification-card')]"
                + ".every(card => !card.hasAttribute('opening') && !card.hasAttribute('closing'))");
        AxeResults results = new AxeBuilder(page).options(options).analyze();
        if (results.isErrored()) {
            throw new AssertionError("axe-core could not run on " + page.url() + ": " + results.getErrorMessage());
        }
        return results.getViolations();
    }

    /** Fails with a readable list (rule, impact, elements, help) if the page has a violation that must not be. */
    public static void check(Page page) {
        List<Rule> failing = violations(page).stream().filter(Axe::fails).toList();
        if (!failing.isEmpty()) {
            throw new AssertionError("axe-core found " + failing.size() + " accessibility violation(s) on "
                    + page.url() + ":\n" + describe(failing));
        }
    }

    static boolean fails(Rule rule) {
        return FAILING_IMPACTS.contains(rule.getImpact()) || HELD_RULES.contains(rule.getId());
    }

    /** One paragraph per rule: id, impact, help and link, then each element's selector and what is wrong. */
    public static String describe(List<Rule> rules) {
        return rules.stream().map(rule -> "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp()
                + " <" + rule.getHelpUrl() + ">\n" + rule.getNodes().stream().map(Axe::describe)
                        .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    private static String describe(CheckedNode node) {
        String summary = node.getFailureSummary() == null ? "" : node.getFailureSummary().replace("\n", " ");
        return "    " + node.getTarget() + ": " + summary;
    }
}
