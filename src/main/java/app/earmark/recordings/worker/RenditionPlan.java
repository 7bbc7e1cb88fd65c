package app.earmark.recordings.worker;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VORBIS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

/**
 * How the browser-playable rendition is made: a packet copy into another container when every current browser
 * plays the streams as they are, else H.264 + AAC (or AAC alone) in MP4.
 *
 * @param muxer FFmpeg's output format name
 */
record RenditionPlan(boolean remux, String fileName, String muxer, String mimeType, String videoCodec,
        String audioCodec) {

    static RenditionPlan choose(ProbedMedia media) {
        int audio = media.audioCodecId();
        String audioName = media.probe().audio().codec();
        if (media.hasVideo()) {
            int video = media.videoCodecId();
            String videoName = media.probe().video().codec();
            boolean plain420 = media.videoPixelFormat() == AV_PIX_FMT_YUV420P
                    || media.videoPixelFormat() == AV_PIX_FMT_YUVJ420P;
            if (video == AV_CODEC_ID_H264 && plain420 && audio == AV_CODEC_ID_AAC) {
                return new RenditionPlan(true, "rendition.mp4", "mp4", "video/mp4", videoName, audioName);
            }
            if ((video == AV_CODEC_ID_VP8 || video == AV_CODEC_ID_VP9) && plain420
                    && (audio == AV_CODEC_ID_OPUS || audio == AV_CODEC_ID_VORBIS)) {
                return new RenditionPlan(true, "rendition.webm", "webm", "video/webm", videoName, audioName);
            }
            return transcodedVideo();
        }
        if (audio == AV_CODEC_ID_AAC) {
            return new RenditionPlan(true, "rendition.m4a", "mp4", "audio/mp4", null, audioName);
        }
        if (audio == AV_CODEC_ID_OPUS || audio == AV_CODEC_ID_VORBIS) {
            return new RenditionPlan(true, "rendition.webm", "webm", "audio/webm", null, audioName);
        }
        if (audio == AV_CODEC_ID_MP3) {
            return new RenditionPlan(true, "rendition.mp3", "mp3", "audio/mpeg", null, audioName);
        }
        return transcodedAudio();
    }

    /** The plan for when a packet copy is refused by the muxer. */
    RenditionPlan transcoded() {
        return videoCodec == null ? transcodedAudio() : transcodedVideo();
    }

    IngestResult.Rendition rendition() {
        return new IngestResult.Rendition(fileName, mimeType, remux, muxer, videoCodec, audioCodec);
    }

    private static RenditionPlan transcodedVideo() {
        return new RenditionPlan(false, "rendition.mp4", "mp4", "video/mp4", "h264", "aac");
    }

    private static RenditionPlan transcodedAudio() {
        return new RenditionPlan(false, "rendition.m4a", "mp4", "audio/mp4", null, "aac");
    }
}
