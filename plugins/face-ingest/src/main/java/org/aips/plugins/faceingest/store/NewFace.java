package org.aips.plugins.faceingest.store;

import org.aips.spi.services.Face;

/** A face about to be stored: where it came from, what the user said of it, and what the faces service measured. */
public record NewFace(String groupName, String tag, String description, String uri, String imageSha256, Face face, double blurDegree) {
}
