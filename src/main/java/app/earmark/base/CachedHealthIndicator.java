package app.earmark.base;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health check of something outside the process (the media store, the search engine) that a load balancer's probe
 * must not wait on: the check runs on a thread of its own and the probe waits for it at most {@code timeout} (a check
 * still running then is reported down, "did not answer within …", and its answer is used once it comes); an answer is
 * reused for {@code cacheFor}, so many probes a second cost one check. A check that throws is down with the exception's
 * message.
 */
public final class CachedHealthIndicator implements HealthIndicator, DisposableBean {

    private final String what;
    private final Callable<Health> check;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private final ExecutorService runner;
    private Health last;
    private Instant lastAt = Instant.MIN;
    private Future<Health> running;

    /**
     * @param what     what is checked, in the down message (e.g. "the media store")
     * @param check    answers up, or down with details; may throw (down) or hang (down after the timeout)
     * @param limits   the timeout and how long an answer is reused ({@code earmark.health.*})
     */
    public CachedHealthIndicator(String what, Callable<Health> check, HealthProperties limits, Clock clock) {
        this(what, check, limits.timeout(), limits.cache(), clock);
    }

    /**
     * @param what     what is checked, in the down message (e.g. "the media store")
     * @param check    answers up, or down with details; may throw (down) or hang (down after the timeout)
     */
    public CachedHealthIndicator(String what, Callable<Health> check, Duration timeout, Duration cacheFor, Clock clock) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("earmark.health.timeout must be positive; it is " + timeout);
        }
        if (cacheFor.isNegative()) {
            throw new IllegalArgumentException("earmark.health.cache must not be negative; it is " + cacheFor);
        }
        this.what = what;
        this.check = check;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
        this.runner = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "health-" + what.replace(' ', '-'));
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(lastAt.plus(cacheFor))) {
            return last;
        }
        if (running == null) {
            running = runner.submit(this::checkSafely);
        }
        Health answer;
        try {
            answer = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            running = null;
        } catch (TimeoutException e) {
            // Left running: the next probe after the cached answer expires takes its answer rather than start another.
            answer = Health.down().withDetail("error", what + " did not answer within " + timeout.toMillis() + " ms")
                    .build();
        } catch (ExecutionException e) {
            running = null;
            answer = Health.down().withDetail("error", String.valueOf(e.getCause())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
        last = answer;
        lastAt = now;
        return answer;
    }

    private Health checkSafely() {
        try {
            return check.call();
        } catch (Exception e) {
            return Health.down().withDetail("error", what + ": " + (e.getMessage() == null ? e.toString()
                    : e.getMessage())).build();
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
