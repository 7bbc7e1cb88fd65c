package app.earmark.people.web;

import app.earmark.people.LearnerSummary;
import app.earmark.people.People;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The learners a person may see, by exactly the rule the UI uses ({@link People}). */
@RestController
@RequestMapping("/api/v1/learners")
class LearnersApi {

    private final People people;

    LearnersApi(People people) {
        this.people = people;
    }

    @GetMapping
    List<LearnerSummary> learners() {
        return people.visibleLearners();
    }

    /** 403 with a message when the learner is not one the caller may see (or does not exist). */
    @GetMapping("/{id}")
    LearnerSummary learner(@PathVariable long id) {
        return people.learner(id);
    }
}
