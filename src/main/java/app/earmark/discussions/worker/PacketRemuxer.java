package app.earmark.discussions.worker;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Copies the packets of the chosen sound and picture tracks into the rendition's container, re-encoding nothing.
 * Written against FFmpeg's API rather than JavaCV's recorder, which maps every audio packet of the input to its one
 * audio stream (a second sound track or cover art would be mixed in) and cannot tell the end of a file from a read
 * error.
 */
final class PacketRemuxer {

    /** The muxer refused the packets as they are (odd timestamps, say); transcoding may still work. */
    static final class Refused extends Exception {

        Refused(String message) {
            super(message);
        }
    }

    private PacketRemuxer() {
    }

    /** Writes the rendition and returns how long the sound track runs, from its first packet to its last. */
    static long remux(Path input, ProbedMedia media, RenditionPlan plan, Path output, Duration maxDuration,
            ProgressReporter progress) throws IngestFailure, Refused {
        AVFormatContext in = InputFile.open(input);
        AVFormatContext out = new AVFormatContext(null);
        AVPacket packet = av_packet_alloc();
        AVIOContext file = new AVIOContext(null);
        try {
            refuseIf(avformat_alloc_output_context2(out, null, plan.muxer(), output.toString()), "start the output");
            int[] targets = mapStreams(in, out, media);
            if (avio_open(file, output.toString(), AVIO_FLAG_WRITE) < 0) {
                throw new UncheckedIOException(new IOException("Cannot write " + output));
            }
            out.pb(file);
            writeHeader(out, plan);

            AVRational microseconds = av_make_q(1, AV_TIME_BASE);
            long first = AV_NOPTS_VALUE;
            long last = 0;
            int ret;
            while ((ret = av_read_frame(in, packet)) >= 0) {
                int index = packet.stream_index();
                int target = index < targets.length ? targets[index] : -1;
                if (target < 0) {
                    av_packet_unref(packet);
                    continue;
                }
                AVStream source = in.streams(index);
                long timestamp = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                if (index == media.audioStream() && timestamp != AV_NOPTS_VALUE) {
                    long start = av_rescale_q(timestamp, source.time_base(), microseconds);
                    first = first == AV_NOPTS_VALUE ? start : Math.min(first, start);
                    last = Math.max(last, av_rescale_q(timestamp + Math.max(0, packet.duration()),
                            source.time_base(), microseconds));
                    DurationRules.checkRunning(last - first, maxDuration);
                }
                av_packet_rescale_ts(packet, source.time_base(), out.streams(target).time_base());
                packet.stream_index(target);
                packet.pos(-1);
                // Takes the packet's data, leaving it blank for the next read.
                refuseIf(av_interleaved_write_frame(out, packet), "write a packet");
                progress.at(in);
            }
            if (ret != AVERROR_EOF) {
                System.err.println("Reading stopped early: " + InputFile.errorText(ret));
            }
            refuseIf(av_write_trailer(out), "finish the output");
            return first == AV_NOPTS_VALUE ? 0 : last - first;
        } finally {
            av_packet_free(packet);
            if (!file.isNull()) {
                avio_closep(file);
                out.pb(null);
            }
            avformat_free_context(out);
            InputFile.close(in);
        }
    }

    /** Adds an output stream for each chosen input stream; returns the output index by input index, or -1. */
    private static int[] mapStreams(AVFormatContext in, AVFormatContext out, ProbedMedia media) throws Refused {
        int[] targets = new int[in.nb_streams()];
        Arrays.fill(targets, -1);
        for (int index : new int[] {media.videoStream(), media.audioStream()}) {
            if (index < 0) {
                continue;
            }
            AVStream source = in.streams(index);
            AVStream target = avformat_new_stream(out, null);
            if (target == null) {
                throw new Refused("FFmpeg could not add a stream to the output");
            }
            refuseIf(avcodec_parameters_copy(target.codecpar(), source.codecpar()), "copy the stream parameters");
            // Codec tags belong to the input's container: an MP4 tag in WebM is refused ("Tag mp4a incompatible").
            target.codecpar().codec_tag(0);
            target.time_base(source.time_base());
            targets[index] = target.index();
        }
        return targets;
    }

    private static void writeHeader(AVFormatContext out, RenditionPlan plan) throws Refused {
        AVDictionary options = new AVDictionary(null);
        if ("mp4".equals(plan.muxer())) {
            av_dict_set(options, "movflags", "+faststart", 0);
        }
        try {
            refuseIf(avformat_write_header(out, options), "write the header");
        } finally {
            av_dict_free(options);
        }
    }

    private static void refuseIf(int ret, String action) throws Refused {
        if (ret < 0) {
            throw new Refused("FFmpeg could not " + action + ": " + FfmpegLog.lastError(InputFile.errorText(ret)));
        }
    }
}
