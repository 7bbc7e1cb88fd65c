package app.earmark.discussions;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One agreed question of a discussion's plan, mapped to the ACs it is meant to evidence. */
@Entity
@Table(name = "discussion_question")
class Question {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "discussion_id")
    private Discussion discussion;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, length = 2000)
    private String text;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "discussion_question_criterion", joinColumns = @JoinColumn(name = "question_id"))
    @Column(name = "criterion_id", nullable = false)
    private Set<Long> criterionIds = new HashSet<>();

    protected Question() {
    }

    Question(Discussion discussion, int position, String text, Set<Long> criterionIds) {
        this.discussion = discussion;
        this.position = position;
        this.text = text;
        this.criterionIds = new HashSet<>(criterionIds);
    }

    DiscussionPlan.Question view() {
        return new DiscussionPlan.Question(position, text, List.copyOf(criterionIds.stream().sorted().toList()));
    }
}
