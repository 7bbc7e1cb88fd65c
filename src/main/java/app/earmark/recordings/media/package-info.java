/**
 * The content-addressed media store ({@link app.earmark.recordings.media.MediaStore}), published to other modules
 * (the retention module deletes media through it).
 */
@org.springframework.modulith.NamedInterface("media")
package app.earmark.recordings.media;
