package app.earmark.recordings;

import java.io.IOException;
import java.io.OutputStream;

/** Where WebM clusters start in a stream of a browser's recording (its live parts). */
final class WebmClusters {

    /** The Matroska element ID of a Cluster. */
    static final byte[] CLUSTER_ID = {0x1F, 0x43, (byte) 0xB6, 0x75};

    private WebmClusters() {
    }

    /**
     * Passes on what is written to it from the first cluster's ID on, and drops what comes before; the output is
     * opened only then. A cluster's ID is four bytes that also occur by chance in compressed sound about once in four
     * billion positions, so the first match is taken as the cluster.
     */
    static final class FromFirstCluster extends OutputStream {

        private final LiveRecordings.Body opener;
        private int matched;
        private OutputStream out;

        FromFirstCluster(LiveRecordings.Body opener) {
            this.opener = opener;
        }

        boolean found() {
            return out != null;
        }

        /** Takes one byte while looking; true when it completes the cluster's ID. */
        private boolean take(byte b) {
            if (b == CLUSTER_ID[matched]) {
                matched++;
            } else {
                // The ID's first byte does not occur again in it, so a failed match restarts at this byte.
                matched = b == CLUSTER_ID[0] ? 1 : 0;
            }
            return matched == CLUSTER_ID.length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (out != null) {
                out.write(bytes, offset, length);
                return;
            }
            for (int i = offset; i < offset + length; i++) {
                if (take(bytes[i])) {
                    out = opener.open();
                    out.write(CLUSTER_ID);
                    out.write(bytes, i + 1, offset + length - i - 1);
                    return;
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }
    }
}
