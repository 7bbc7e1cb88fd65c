package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** Reads what a file contains without decoding it, refusing what is plainly not a recording. */
final class MediaProbe {

    private MediaProbe() {
    }

    static ProbedMedia probe(Path file) throws IngestFailure {
        var notMedia = FileSniffer.notMedia(file);
        if (notMedia.isPresent()) {
            throw new IngestFailure(FailureCode.NOT_MEDIA, "The file is not an audio or video recording: it looks like "
                    + notMedia.get() + ".");
        }
        AVFormatContext context = InputFile.open(file);
        try {
            return describe(context);
        } finally {
            InputFile.close(context);
        }
    }

    /** What an open file contains. */
    static ProbedMedia describe(AVFormatContext context) {
        int audio = chooseStream(context, AVMEDIA_TYPE_AUDIO);
        int video = chooseStream(context, AVMEDIA_TYPE_VIDEO);
        boolean estimated = context.duration_estimation_method() == AVFMT_DURATION_FROM_BITRATE;
        long declared = context.duration() == AV_NOPTS_VALUE || context.duration() <= 0 ? ProbedMedia.UNKNOWN
                : context.duration();
        long declaredAudio = ProbedMedia.UNKNOWN;
        Probe.AudioStream audioInfo = null;
        Probe.VideoStream videoInfo = null;
        AVCodecParameters audioCodec = null;
        AVCodecParameters videoCodec = null;
        if (audio >= 0) {
            AVStream stream = context.streams(audio);
            audioCodec = stream.codecpar();
            audioInfo = new Probe.AudioStream(codecName(audioCodec), audioCodec.ch_layout().nb_channels(),
                    audioCodec.sample_rate(), audioCodec.bit_rate() > 0 ? audioCodec.bit_rate() : null);
            if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
                declaredAudio = av_rescale_q(stream.duration(), stream.time_base(), av_make_q(1, AV_TIME_BASE));
            } else if (video < 0) {
                // Without a picture track the file's duration is the sound's; with one, the sound may end earlier.
                declaredAudio = declared;
            }
        }
        if (video >= 0) {
            AVStream stream = context.streams(video);
            videoCodec = stream.codecpar();
            videoInfo = new Probe.VideoStream(codecName(videoCodec), videoCodec.width(), videoCodec.height(),
                    frameRate(stream));
        }
        Probe probe = new Probe(context.iformat().name().getString(), declared == ProbedMedia.UNKNOWN ? null
                : declared / 1000, audioInfo, videoInfo);
        return new ProbedMedia(probe, audio, video,
                audioCodec == null ? 0 : audioCodec.codec_id(), videoCodec == null ? 0 : videoCodec.codec_id(),
                audioCodec == null ? null : fourcc(audioCodec.codec_tag()),
                videoCodec == null ? null : fourcc(videoCodec.codec_tag()),
                audioCodec != null && avcodec_find_decoder(audioCodec.codec_id()) != null,
                videoCodec != null && avcodec_find_decoder(videoCodec.codec_id()) != null,
                videoCodec == null ? -1 : videoCodec.format(),
                estimated ? ProbedMedia.UNKNOWN : declared, estimated ? ProbedMedia.UNKNOWN : declaredAudio);
    }

    /** The default stream of the type, else the first; cover art is no video. */
    private static int chooseStream(AVFormatContext context, int type) {
        int first = -1;
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            if (stream.codecpar().codec_type() != type || (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
                continue;
            }
            if ((stream.disposition() & AV_DISPOSITION_DEFAULT) != 0) {
                return i;
            }
            if (first < 0) {
                first = i;
            }
        }
        return first;
    }

    private static String codecName(AVCodecParameters codec) {
        return avcodec_get_name(codec.codec_id()).getString();
    }

    private static Double frameRate(AVStream stream) {
        AVRational rate = stream.avg_frame_rate().num() > 0 && stream.avg_frame_rate().den() > 0
                ? stream.avg_frame_rate()
                : stream.r_frame_rate();
        if (rate.num() <= 0 || rate.den() <= 0) {
            return null;
        }
        return Math.round(1000.0 * rate.num() / rate.den()) / 1000.0;
    }

    /** A codec tag as its four characters, e.g. "mp4a", or null when the container has none. */
    static String fourcc(int tag) {
        if (tag == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int shift = 0; shift < 32; shift += 8) {
            int c = tag >>> shift & 0xFF;
            text.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return text.toString();
    }
}
