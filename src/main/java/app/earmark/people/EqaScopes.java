package app.earmark.people;

import java.util.List;

/**
 * What an EQA may see now, as granted by the centre. Implemented by a bean in the module that keeps the grants
 * (so that {@code people} does not depend on it); without such a bean an EQA sees nothing.
 */
public interface EqaScopes {

    /** The scopes of the EQA's grants in force now: started, not ended, not revoked. */
    List<EvidenceScope> inForce(long eqaId);
}
