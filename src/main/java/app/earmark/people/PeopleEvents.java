package app.earmark.people;

import app.earmark.base.AuditableEvent;
import app.earmark.security.Role;
import java.util.Set;
import java.util.TreeSet;

/** What happens to people, enrolments and assignments; each is recorded in the audit trail. */
public final class PeopleEvents {

    private PeopleEvents() {
    }

    public record PersonCreated(String actor, String username, Set<Role> roles) implements AuditableEvent {
        public String action() {
            return "person-created";
        }

        public String subject() {
            return "user:" + username;
        }

        public String details() {
            return "Account " + username + " created with roles " + new TreeSet<>(roles);
        }
    }

    public record RolesChanged(String actor, String username, Set<Role> before, Set<Role> after)
            implements AuditableEvent {
        public String action() {
            return "roles-changed";
        }

        public String subject() {
            return "user:" + username;
        }

        public String details() {
            return "Roles of " + username + " changed from " + new TreeSet<>(before) + " to " + new TreeSet<>(after);
        }
    }

    public record AccountStatusChanged(String actor, String username, boolean enabled) implements AuditableEvent {
        public String action() {
            return enabled ? "account-enabled" : "account-disabled";
        }

        public String subject() {
            return "user:" + username;
        }

        public String details() {
            return "Account " + username + (enabled ? " enabled" : " disabled");
        }
    }

    public record PasswordReset(String actor, String username) implements AuditableEvent {
        public String action() {
            return "password-reset";
        }

        public String subject() {
            return "user:" + username;
        }

        public String details() {
            return "Password of " + username + " set by " + actor;
        }
    }

    public record LearnerEnrolled(String actor, String learner, String qualificationCode, String registrationNumber)
            implements AuditableEvent {
        public String action() {
            return "learner-enrolled";
        }

        public String subject() {
            return "user:" + learner;
        }

        public String details() {
            return learner + " enrolled on " + qualificationCode + " with registration number " + registrationNumber;
        }
    }

    public record EnrolmentWithdrawn(String actor, String learner, String qualificationCode) implements AuditableEvent {
        public String action() {
            return "enrolment-withdrawn";
        }

        public String subject() {
            return "user:" + learner;
        }

        public String details() {
            return "Enrolment of " + learner + " on " + qualificationCode + " withdrawn";
        }
    }

    /** Two people were linked (e.g. an assessor assigned to a learner) or unlinked. */
    public record AssignmentChanged(String actor, String kind, String from, String to, boolean linked)
            implements AuditableEvent {
        public String action() {
            return linked ? "assigned" : "unassigned";
        }

        public String subject() {
            return "user:" + to;
        }

        public String details() {
            return from + (linked ? " now " : " no longer ") + kind + " " + to;
        }
    }

    /** The locale the centre's dates and times are shown in was changed (null: the browser's). */
    public record CentreLocaleChanged(String actor, String centreNumber, String before, String after)
            implements AuditableEvent {
        public String action() {
            return "centre-locale-changed";
        }

        public String subject() {
            return "centre:" + centreNumber;
        }

        public String details() {
            return "Date and time format of centre " + centreNumber + " changed from "
                    + (before == null ? "the browser's" : before) + " to " + (after == null ? "the browser's" : after);
        }
    }
}
