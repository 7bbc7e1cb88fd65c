package app.earmark.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Many browser sessions with a workspace open, driven from a JVM of their own, so that the JVM running Earmark holds
 * only what the server keeps for them (Playwright's client keeps objects for every page, request and frame, which
 * would otherwise be counted as the server's).
 *
 * <p>{@link #open} starts this class's {@link #main} as a child process: it launches Chromium, and for each session
 * makes a fresh browser context (its own cookies), signs in through the login page, opens the workspace and waits for
 * the component's {@code workspace-ready} event, reporting each on standard output. It then waits until told to close:
 * each page first navigates away (so the browser tells Vaadin its UI has gone, as closing a tab does), then everything
 * is closed.
 */
final class BrowserSessions implements AutoCloseable {

    private static final String OPENED = "opened ";
    private static final String ALL_OPEN = "all-open";
    private static final String CLOSED = "closed";

    /** One session's workspace as it became ready. */
    record Session(int index, double readyAtMs, double componentMs, int drawnTagCount, boolean waveform) {
    }

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<Session> sessions = new ArrayList<>();
    private final Path log;

    private BrowserSessions(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
            lines.add("eof");
        }, "browser-sessions-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the child JVM and returns once every session has its workspace ready (or fails with the child's log).
     *
     * @param flags Chromium's command-line flags
     */
    static BrowserSessions open(String baseUrl, String path, int count, String username, String password,
            Path chromium, List<String> flags, Path log, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString()),
                "-Xmx512m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), BrowserSessions.class.getName(),
                baseUrl, path, Integer.toString(count), username, password, chromium.toString()));
        command.addAll(flags);
        try {
            java.nio.file.Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(
                    log.toFile()));
            builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            BrowserSessions sessions = new BrowserSessions(builder.start(), log);
            try {
                sessions.awaitAllOpen(count, timeout);
            } catch (RuntimeException | Error e) {
                sessions.kill();
                throw e;
            }
            return sessions;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the browser sessions", e);
        }
    }

    List<Session> sessions() {
        return List.copyOf(sessions);
    }

    long pid() {
        return process.pid();
    }

    private void awaitAllOpen(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = next(deadline);
            if (line.startsWith(OPENED)) {
                String[] f = line.substring(OPENED.length()).split(" ");
                sessions.add(new Session(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Integer.parseInt(f[3]), Boolean.parseBoolean(f[4])));
                System.out.printf("[bench] browser session %d of %d: workspace ready after %s%n",
                        sessions.size(), count, f[1]);
            } else if (line.equals(ALL_OPEN)) {
                if (sessions.size() != count) {
                    throw new IllegalStateException("Only " + sessions.size() + " of " + count + " sessions opened");
                }
                return;
            } else {
                throw new IllegalStateException("The browser sessions failed (" + line + "):\n"
                        + OwnedProcess.tail(log, 30));
            }
        }
    }

    /** Navigates every page away, closes the browser and waits for the child to end. */
    void closeAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            process.getOutputStream().write("close\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            String line = next(deadline);
            if (!line.equals(CLOSED)) {
                throw new IllegalStateException("The browser sessions did not close (" + line + "):\n"
                        + OwnedProcess.tail(log, 30));
            }
            if (!process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("The browser sessions' JVM did not end");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            kill();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String next(long deadline) {
        try {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("The browser sessions did not answer in time:\n"
                        + OwnedProcess.tail(log, 30));
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the child process ----

    /** Arguments: base URL, workspace path, count, username, password, Chromium's path, then Chromium's flags. */
    public static void main(String[] args) throws IOException {
        String base = args[0];
        String path = args[1];
        int count = Integer.parseInt(args[2]);
        String username = args[3];
        String password = args[4];
        Path chromium = Path.of(args[5]);
        List<String> flags = List.of(args).subList(6, args.length);
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                    .setHeadless(true).setChromiumSandbox(false).setArgs(flags));
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1400, 1000));
                context.setDefaultTimeout(60_000);
                context.addInitScript(WorkspaceProbe.INIT_SCRIPT);
                Page page = context.newPage();
                page.navigate(base + "/login");
                page.getByLabel("Username").fill(username);
                page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
                page.locator("#welcome").waitFor();
                page.navigate(base + path);
                WorkspaceProbe.Opening opening = WorkspaceProbe.awaitReady(page, false);
                pages.add(page);
                System.out.println(String.format(Locale.ROOT, "%s%d %.1f %.1f %d %b", OPENED, i + 1,
                        opening.readyAtMs(), opening.componentMs(), opening.drawnTagCount(), opening.waveform()));
                System.out.flush();
            }
            System.out.println(ALL_OPEN);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = in.readLine()) != null && !command.equals("close")) {
                // Only "close" is understood.
            }
            for (Page page : pages) {
                page.navigate("about:blank");
            }
            // Give the pages' unload beacons time to reach the server.
            pages.get(0).waitForTimeout(1000);
            browser.close();
            System.out.println(CLOSED);
            System.out.flush();
        } catch (RuntimeException e) {
            System.out.println("error " + e.toString().replace('\n', ' '));
            System.out.flush();
            e.printStackTrace();
            System.exit(1);
        }
    }
}
