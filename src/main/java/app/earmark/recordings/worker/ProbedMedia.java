package app.earmark.recordings.worker;

/**
 * The probe plus what the processing steps need: the chosen streams, their codec ids and the declared durations
 * that can be trusted (not estimated from the bit rate).
 *
 * @param audioStream the index of the sound track, or -1
 * @param videoStream the index of the picture track, or -1
 * @param declaredMicros the file's declared duration, or -1 when unknown or only estimated
 * @param declaredAudioMicros the sound track's declared duration, or -1 when unknown or only estimated
 */
record ProbedMedia(Probe probe, int audioStream, int videoStream, int audioCodecId, int videoCodecId,
        String audioCodecTag, String videoCodecTag, boolean audioDecodable, boolean videoDecodable,
        int videoPixelFormat, long declaredMicros, long declaredAudioMicros) {

    static final long UNKNOWN = -1;

    boolean hasAudio() {
        return audioStream >= 0;
    }

    boolean hasVideo() {
        return videoStream >= 0;
    }
}
