package app.earmark.discussions;

import java.util.Collection;
import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

interface DiscussionRepository extends ListCrudRepository<Discussion, Long> {

    List<Discussion> findByLearnerIdIn(Collection<Long> learnerIds);
}
