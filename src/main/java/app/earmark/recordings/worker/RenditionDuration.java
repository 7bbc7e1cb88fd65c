package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * How long a written rendition runs, as players see it: where its streams' last packets end (the latest of each
 * stream's last packet's time plus its duration, in the stream's own time base), not the decoded sound (a decoder
 * gives whole frames, so it runs past the end an encoder trimmed) nor a header's rounded figure.
 */
final class RenditionDuration {

    /** Reading starts this long before the declared end: the streams' last packets are all that count. */
    private static final long TAIL_MICROS = 30_000_000;
    /** Every stream has had its first packet within this many packets of the start, or it has none to count. */
    private static final int FIRST_PACKETS = 1000;

    private RenditionDuration() {
    }

    /**
     * In microseconds, from where the streams start (the earliest first packet, which an encoder's delay can put before
     * 0) to where they end; 0 when no packet has a time.
     */
    static long micros(Path rendition) throws IngestFailure {
        AVFormatContext in = InputFile.open(rendition);
        AVPacket packet = av_packet_alloc();
        try {
            AVRational microseconds = av_make_q(1, AV_TIME_BASE);
            // Where the streams start: the earliest of their first packets (read here rather than taken from the
            // header's start time, which leaves out an encoder's delay before 0).
            long start = Long.MAX_VALUE;
            long end = 0;
            boolean[] started = new boolean[in.nb_streams()];
            int waiting = started.length;
            for (int read = 0; waiting > 0 && read < FIRST_PACKETS && av_read_frame(in, packet) >= 0; read++) {
                int index = packet.stream_index();
                long time = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                // A packet to discard (an encoder's priming, before an MP4's edit list starts) is not played.
                if (time != AV_NOPTS_VALUE && (packet.flags() & AV_PKT_FLAG_DISCARD) == 0) {
                    AVRational base = in.streams(index).time_base();
                    start = Math.min(start, av_rescale_q(time, base, microseconds));
                    end = Math.max(end, av_rescale_q(time + Math.max(0, packet.duration()), base, microseconds));
                    if (!started[index]) {
                        started[index] = true;
                        waiting--;
                    }
                }
                av_packet_unref(packet);
            }
            long declared = in.duration();
            if (declared != AV_NOPTS_VALUE && declared > TAIL_MICROS) {
                long from = declared - TAIL_MICROS;
                // Lands at or before the point asked for (the key frame before it); on failure reading goes on here.
                avformat_seek_file(in, -1, Long.MIN_VALUE, from, from, 0);
            }
            while (av_read_frame(in, packet) >= 0) {
                long time = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                if (time != AV_NOPTS_VALUE) {
                    AVRational base = in.streams(packet.stream_index()).time_base();
                    end = Math.max(end, av_rescale_q(time + Math.max(0, packet.duration()), base, microseconds));
                }
                av_packet_unref(packet);
            }
            if (start == Long.MAX_VALUE) {
                return 0;
            }
            return Math.max(0, end - start);
        } finally {
            av_packet_free(packet);
            InputFile.close(in);
        }
    }
}
