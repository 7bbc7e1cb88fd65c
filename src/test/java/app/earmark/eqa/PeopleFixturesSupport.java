package app.earmark.eqa;

import app.earmark.people.PeopleAdmin;
import app.earmark.people.PersonRef;
import app.earmark.security.Role;

/** Looks up a demo account's id through the administrator's list. */
final class PeopleFixturesSupport {

    private PeopleFixturesSupport() {
    }

    static long id(PeopleAdmin admin, String username) {
        return admin.peopleWithRole(Role.ASSESSOR).stream().filter(p -> p.username().equals(username))
                .map(PersonRef::id).findFirst().orElseThrow();
    }
}
