package app.earmark.recordings;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/** The work folders of this module's jobs (ingest, chaptered copies, mixes), which go once a job is over. */
final class WorkDirs {

    private static final Logger log = LoggerFactory.getLogger(WorkDirs.class);

    private WorkDirs() {
    }

    /** Removes a work folder and what is in it, if there is one; a folder that cannot be removed is logged. */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("Could not remove the work folder {}", dir, e);
        }
    }
}
