package app.earmark.recordings.worker;

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
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Copies the packets of the chosen sound and picture tracks into another container, re-encoding nothing; optionally
 * with chapters. A failure to write (a full disk) is a {@link StorageFailures storage failure}, never a
 * {@link Refused refusal} of the packets. Written against FFmpeg's API rather than JavaCV's recorder, which maps every audio packet of the input
 * to its one audio stream (a second sound track or cover art would be mixed in), cannot tell the end of a file from a
 * read error, and has no chapters. Used for the playable rendition at ingest and for chaptered copies of it.
 */
final class PacketRemuxer {

    /** What the index room has on top of the input's own index. */
    private static final long INDEX_MARGIN_BYTES = 16 * 1024;

    /** The muxer refused the packets as they are (odd timestamps, say); transcoding may still work. */
    static class Refused extends Exception {

        Refused(String message) {
            super(message);
        }
    }

    /** The room reserved for the MP4 index was too small; writing again with {@code +faststart} works. */
    static final class NoRoomForIndex extends Refused {

        NoRoomForIndex(String message) {
            super(message);
        }
    }

    /**
     * What to write.
     *
     * @param videoStream the input's picture track to copy, or -1
     * @param audioStream the input's sound track to copy, or -1; its packets time the result
     * @param reservedIndexBytes for MP4: room kept at the front for the index ({@code moov_size}), into which the muxer
     *        writes it at the end, so the media data is written once; 0 for {@code +faststart}, which writes the index
     *        at the end and then moves all the media data behind it
     */
    record Target(Path file, String muxer, int videoStream, int audioStream, List<ChapterMark> chapters,
            long reservedIndexBytes) {

        Target {
            chapters = List.copyOf(chapters);
        }

        Target withoutReservedIndex() {
            return new Target(file, muxer, videoStream, audioStream, chapters, 0);
        }
    }

    /**
     * What a copy wrote.
     *
     * @param soundMicros how long the sound track runs, from its first packet to its last
     */
    record Copy(long soundMicros, long packets) {
    }

    private PacketRemuxer() {
    }

    /**
     * Writes the rendition and returns how long the sound track runs, from its first packet to its last. An MP4's
     * index goes at the front into room reserved for it ({@link #roomForIndexOf}), so the media data is written once.
     */
    static long remux(Path input, ProbedMedia media, RenditionPlan plan, Path output, Duration maxDuration,
            ProgressReporter progress) throws IngestFailure, Refused {
        long room = "mp4".equals(plan.muxer()) ? roomForIndexOf(input) : 0;
        return withIndexRoom(room, output, reserved -> remuxOnce(input, media, plan, output, maxDuration, progress,
                reserved));
    }

    /** One attempt at writing an output, with this much room reserved for an MP4's index (0: {@code +faststart}). */
    interface Writing<T> {
        T write(long reservedIndexBytes) throws IngestFailure, Refused;
    }

    /**
     * Writes with {@code room} reserved for the index; if that was too few bytes, deletes what was written and writes
     * again with {@code +faststart}.
     */
    static <T> T withIndexRoom(long room, Path output, Writing<T> writing) throws IngestFailure, Refused {
        try {
            return writing.write(room);
        } catch (NoRoomForIndex e) {
            if (room == 0) {
                throw e;
            }
            System.err.println(e.getMessage() + "; writing again with +faststart");
            try {
                java.nio.file.Files.deleteIfExists(output);
            } catch (java.io.IOException deleting) {
                throw new UncheckedIOException(deleting);
            }
            return writing.write(0);
        }
    }

    private static long remuxOnce(Path input, ProbedMedia media, RenditionPlan plan, Path output, Duration maxDuration,
            ProgressReporter progress, long reservedIndexBytes) throws IngestFailure, Refused {
        AVFormatContext in = InputFile.open(input);
        try {
            Target target = new Target(output, plan.muxer(), media.videoStream(), media.audioStream(), List.of(),
                    reservedIndexBytes);
            return remux(in, target, maxDuration, progress).soundMicros();
        } finally {
            InputFile.close(in);
        }
    }

    /**
     * Room for the index of a copy of this file's packets: its own index (the same packets, so about the same tables)
     * with a margin; 0 (use {@code +faststart}) when the file has no index box to go by, or is fragmented (its index
     * box then holds no sample tables).
     */
    static long roomForIndexOf(Path input) {
        if (IsoBoxes.sizeOf(input, "moof") > 0) {
            return 0;
        }
        long moov = IsoBoxes.sizeOf(input, "moov");
        return moov <= 0 ? 0 : moov + moov / 100 + INDEX_MARGIN_BYTES;
    }

    /** Copies the target's streams from an open input, from its current position to its end. */
    static Copy remux(AVFormatContext in, Target target, Duration maxDuration, ProgressReporter progress)
            throws IngestFailure, Refused {
        AVFormatContext out = new AVFormatContext(null);
        AVPacket packet = av_packet_alloc();
        AVIOContext file = new AVIOContext(null);
        String output = target.file().toString();
        try {
            refuseIf(avformat_alloc_output_context2(out, null, target.muxer(), output), "start the output");
            int[] targets = mapStreams(in, out, target);
            ChapterWriter.attach(out, target.chapters());
            int opened = avio_open(file, output, AVIO_FLAG_WRITE);
            if (StorageFailures.isStorageError(opened)) {
                throw StorageFailures.of(opened);
            }
            if (opened < 0) {
                throw new UncheckedIOException(new IOException("Cannot write " + output + ": "
                        + InputFile.errorText(opened)));
            }
            out.pb(file);
            writeHeader(out, target);

            AVRational[] inBases = new AVRational[targets.length];
            AVRational[] outBases = new AVRational[targets.length];
            for (int i = 0; i < targets.length; i++) {
                if (targets[i] >= 0) {
                    inBases[i] = in.streams(i).time_base();
                    outBases[i] = out.streams(targets[i]).time_base();
                }
            }
            AVRational microseconds = av_make_q(1, AV_TIME_BASE);
            long first = AV_NOPTS_VALUE;
            long last = 0;
            long packets = 0;
            int ret;
            while ((ret = av_read_frame(in, packet)) >= 0) {
                int index = packet.stream_index();
                int to = index < targets.length ? targets[index] : -1;
                if (to < 0) {
                    av_packet_unref(packet);
                    continue;
                }
                long timestamp = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                if (index == target.audioStream() && timestamp != AV_NOPTS_VALUE) {
                    long start = av_rescale_q(timestamp, inBases[index], microseconds);
                    first = first == AV_NOPTS_VALUE ? start : Math.min(first, start);
                    last = Math.max(last, av_rescale_q(timestamp + Math.max(0, packet.duration()), inBases[index],
                            microseconds));
                    DurationRules.checkRunning(last - first, maxDuration);
                }
                av_packet_rescale_ts(packet, inBases[index], outBases[index]);
                packet.stream_index(to);
                packet.pos(-1);
                // Takes the packet's data, leaving it blank for the next read.
                refuseIf(av_interleaved_write_frame(out, packet), "write a packet");
                packets++;
                progress.at(in);
            }
            if (StorageFailures.isStorageError(ret)) {
                throw StorageFailures.of(ret);
            }
            if (ret != AVERROR_EOF) {
                System.err.println("Reading stopped early: " + InputFile.errorText(ret));
            }
            int trailer = av_write_trailer(out);
            if (StorageFailures.isStorageError(trailer)) {
                throw StorageFailures.of(trailer);
            }
            if (trailer < 0 && target.reservedIndexBytes() > 0 && FfmpegLog.logged("reserved_moov_size is too small")) {
                throw new NoRoomForIndex("The " + target.reservedIndexBytes() + " bytes reserved for the index were"
                        + " too few: " + FfmpegLog.lastError(InputFile.errorText(trailer)));
            }
            refuseIf(trailer, "finish the output");
            return new Copy(first == AV_NOPTS_VALUE ? 0 : last - first, packets);
        } finally {
            av_packet_free(packet);
            if (!file.isNull()) {
                avio_closep(file);
                out.pb(null);
            }
            avformat_free_context(out);
        }
    }

    /** Adds an output stream for each chosen input stream; returns the output index by input index, or -1. */
    private static int[] mapStreams(AVFormatContext in, AVFormatContext out, Target chosen)
            throws Refused, IngestFailure {
        int[] targets = new int[in.nb_streams()];
        Arrays.fill(targets, -1);
        for (int index : new int[] {chosen.videoStream(), chosen.audioStream()}) {
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

    private static void writeHeader(AVFormatContext out, Target target) throws Refused, IngestFailure {
        AVDictionary options = new AVDictionary(null);
        if ("mp4".equals(target.muxer())) {
            if (target.reservedIndexBytes() > 0) {
                av_dict_set(options, "moov_size", Long.toString(target.reservedIndexBytes()), 0);
            } else {
                av_dict_set(options, "movflags", "+faststart", 0);
            }
        }
        try {
            refuseIf(avformat_write_header(out, options), "write the header");
        } finally {
            av_dict_free(options);
        }
    }

    /**
     * @throws IngestFailure for a failure of the storage (a full disk): the packets are not at fault, so there is no
     *         point transcoding them
     * @throws Refused       for anything else FFmpeg refused
     */
    private static void refuseIf(int ret, String action) throws Refused, IngestFailure {
        if (StorageFailures.isStorageError(ret)) {
            throw StorageFailures.of(ret);
        }
        if (ret < 0) {
            throw new Refused("FFmpeg could not " + action + ": " + FfmpegLog.lastError(InputFile.errorText(ret)));
        }
    }
}
