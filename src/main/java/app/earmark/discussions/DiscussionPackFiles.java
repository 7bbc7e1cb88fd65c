package app.earmark.discussions;

import app.earmark.base.EvidencePackContributor;
import app.earmark.discussions.media.MediaStore;
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
class DiscussionPackFiles implements EvidencePackContributor {

    private final Discussions discussions;
    private final RecordingRepository recordings;
    private final MediaStore store;

    DiscussionPackFiles(Discussions discussions, RecordingRepository recordings, MediaStore store) {
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
                    Path original = store.originalFile(recording.originalSha256());
                    files.add(new PackFile(folder + "recording-" + recording.id() + "-original"
                            + extension(recording.originalName()), "application/octet-stream", Files.size(original),
                            () -> Files.newInputStream(original)));
                    if (recording.renditionName() != null) {
                        Resource rendition = store.derived(recording.originalSha256(), recording.renditionName())
                                .orElse(null);
                        if (rendition != null) {
                            files.add(new PackFile(folder + "recording-" + recording.id() + "-playable"
                                    + extension(recording.renditionName()), recording.renditionMime(),
                                    rendition.contentLength(), rendition::getInputStream));
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

    private static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,8}") ? "." + ext : "";
    }
}
