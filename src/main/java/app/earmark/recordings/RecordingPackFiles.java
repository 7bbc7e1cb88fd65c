package app.earmark.recordings;

import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.base.EvidencePackContributor;
import app.earmark.recordings.media.MediaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The recordings of an evidence pack: for each discussion in scope that the signed-in person may see, each ready
 * recording's original (byte for byte) and its playable rendition, streamed from the media store.
 */
@Component
class RecordingPackFiles implements EvidencePackContributor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecordingPackFiles.class);

    private final Discussions discussions;
    private final RecordingRepository recordings;
    private final MediaStore store;

    RecordingPackFiles(Discussions discussions, RecordingRepository recordings, MediaStore store) {
        this.discussions = discussions;
        this.recordings = recordings;
        this.store = store;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public List<PackFile> files(PackScope scope) {
        List<PackFile> files = new ArrayList<>();
        for (DiscussionSummary discussion : inScope(scope)) {
            String folder = "recordings/discussion-" + discussion.id() + "/";
            for (Recording recording : recordings.findByDiscussionIdAndRemovedAtIsNullOrderByUploadedAt(discussion.id())) {
                if (recording.state() != RecordingState.READY) {
                    continue;
                }
                try {
                    String sha = recording.originalSha256();
                    Path original = store.originalFile(sha);
                    // An original is stored under the SHA-256 of its bytes as they were received, and never changed.
                    files.add(new PackFile(folder + "recording-" + recording.id() + "-original"
                            + extension(recording.originalName()), "application/octet-stream", Files.size(original),
                            () -> Files.newInputStream(original), sha));
                    if (recording.renditionName() != null) {
                        String name = recording.renditionName();
                        Resource rendition = store.derived(sha, name).orElse(null);
                        if (rendition != null) {
                            files.add(new PackFile(folder + "recording-" + recording.id() + "-playable"
                                    + extension(name), recording.renditionMime(), rendition.contentLength(),
                                    new RenditionContent(sha, name, rendition),
                                    store.rememberedDerivedSha256(sha, name).orElse(null)));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }

    @Override
    public Set<String> subjects(PackScope scope) {
        Set<String> subjects = new LinkedHashSet<>();
        for (DiscussionSummary discussion : inScope(scope)) {
            subjects.add("discussion:" + discussion.id());
            recordings.findByDiscussionIdAndRemovedAtIsNullOrderByUploadedAt(discussion.id())
                    .forEach(r -> subjects.add("recording:" + r.id()));
        }
        return subjects;
    }

    /** The learner's discussions the signed-in person may see, of the scope's unit and dates, oldest first. */
    private List<DiscussionSummary> inScope(PackScope scope) {
        return discussions.visible().stream()
                .filter(d -> d.learner().id() == scope.learnerId())
                .filter(d -> scope.coversAnyUnit(d.units().stream().map(DiscussionSummary.UnitRef::id).toList()))
                .filter(d -> scope.covers(d.heldOn()))
                .sorted(java.util.Comparator.comparing(DiscussionSummary::id))
                .toList();
    }

    /**
     * A rendition's bytes; when the pack had to hash them (nothing remembered yet), the hash is remembered beside the
     * file for the next pack, provided the file did not change while it was read.
     */
    private final class RenditionContent implements Content {
        private final String sha;
        private final String name;
        private final Resource rendition;
        private String stamp;

        RenditionContent(String sha, String name, Resource rendition) {
            this.sha = sha;
            this.name = name;
            this.rendition = rendition;
        }

        @Override
        public java.io.InputStream open() throws IOException {
            stamp = store.derivedStamp(sha, name);
            return rendition.getInputStream();
        }

        @Override
        public void hashed(String sha256) {
            try {
                if (stamp != null) {
                    store.rememberDerivedSha256(sha, name, sha256, stamp);
                }
            } catch (IOException | RuntimeException e) {
                // Only a saving for the next pack: this one is still right, so it is not broken off for it.
                LOG.warn("Could not remember the SHA-256 of rendition {} of original {}: {}", name, sha, e.toString());
            }
        }
    }

    private static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,8}") ? "." + ext : "";
    }
}
