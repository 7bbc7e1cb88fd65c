package app.earmark.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * Thrown by a service when the signed-in person may not see or do something, whatever the UI showed
 * them. Create it with {@link AccessGuard#refuse}, which also records the refusal in the audit trail.
 */
public class AccessRefusedException extends AccessDeniedException {

    AccessRefusedException(String message) {
        super(message);
    }
}
