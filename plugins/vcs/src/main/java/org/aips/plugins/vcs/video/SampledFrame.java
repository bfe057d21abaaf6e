package org.aips.plugins.vcs.video;

/** One decoded frame kept by the sampler: its index in the stream, time from the video's start, and RGB24 pixels. */
public record SampledFrame(long index, long timeMs, int width, int height, byte[] rgb) {
}
