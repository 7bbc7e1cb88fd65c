package app.earmark.eqa;

import app.earmark.people.EqaScopes;
import app.earmark.people.EvidenceScope;
import java.util.List;
import org.springframework.stereotype.Component;

/** What {@code people} asks to decide what an EQA sees: the scopes of their grants in force now. */
@Component
class GrantScopes implements EqaScopes {

    private final org.springframework.beans.factory.ObjectProvider<EqaGrants> grants;

    GrantScopes(org.springframework.beans.factory.ObjectProvider<EqaGrants> grants) {
        this.grants = grants;
    }

    @Override
    public List<EvidenceScope> inForce(long eqaId) {
        return grants.getObject().inForce(eqaId);
    }
}
