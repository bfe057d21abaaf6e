package org.aips.plugins.faceingest.search;

/** A face of the group and its cosine similarity to a query face. */
public record Match(long faceId, float similarity) {
}
