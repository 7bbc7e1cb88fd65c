package app.earmark.sampling;

import app.earmark.eqa.SampleSource;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The IQA samples the administrator may grant to an EQA: one per sampling plan of the centre, with what the plan
 * sampled so far (each sampled sheet version's learner and unit). Access is that of {@link SamplingPlans} and
 * {@link Samples}: the administrator sees every plan of their centre.
 */
@Component
@Transactional(readOnly = true)
class SamplesForGrants implements SampleSource {

    private final SamplingPlans plans;
    private final Samples samples;
    private final SamplingStore store;

    SamplesForGrants(SamplingPlans plans, Samples samples, SamplingStore store) {
        this.plans = plans;
        this.samples = samples;
        this.store = store;
    }

    @Override
    public List<Sample> samples() {
        return plans.plans().stream()
                .map(plan -> new Sample(plan.id(), "IQA plan " + plan.name() + " of " + plan.iqa().displayName()
                        + " (" + plural(samples.sampledSheetIds(plan.id()).size()) + ")"))
                .toList();
    }

    @Override
    public List<SampledItem> items(long sampleId) {
        var items = new LinkedHashSet<SampledItem>();
        samples.sampledSheetIds(sampleId).forEach(sheetId -> store.assessment(sheetId)
                .ifPresent(a -> items.add(new SampledItem(a.learnerId(), a.unitId()))));
        return List.copyOf(items);
    }

    private static String plural(int n) {
        return n == 1 ? "1 assessment sampled" : n + " assessments sampled";
    }
}
