package org.aips.plugins.vcs.track;

/** One detection of the tracked category in one frame: its box and confidence (0..1). */
public record Observation(Rect box, double score) {
}
