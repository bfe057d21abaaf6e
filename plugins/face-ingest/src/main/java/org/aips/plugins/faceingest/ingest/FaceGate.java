package org.aips.plugins.faceingest.ingest;

import org.aips.spi.services.Face;
import org.aips.spi.services.Faces;

import java.util.Comparator;

/**
 * Picks the face a row enrols and applies the task's filters. A library photo is of one person;
 * when the faces service finds several, the largest is taken to be that person and the others
 * are ignored. The checks run in the order of the codes (201, 202 … 207), so a face over
 * several limits is logged with the first.
 */
final class FaceGate {

  private final IngestConfig config;

  FaceGate(IngestConfig config) {
    this.config = config;
  }

  Face admit(Faces found) {
    Face face = found.faces().stream().filter(f -> f.descriptor().length > 0)
        .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()))
        .orElseThrow(() -> new RowError(ErrorCode.NO_FACE, ""));
    Face.Pose pose = face.pose();
    over(ErrorCode.PITCH, "pitch", Math.abs(pose.pitch()), config.posPitch());
    over(ErrorCode.YAW, "yaw", Math.abs(pose.yaw()), config.posYaw());
    over(ErrorCode.ROLL, "roll", Math.abs(pose.roll()), config.posRol());
    under(ErrorCode.NARROW, "width", face.width(), config.width());
    under(ErrorCode.SHORT, "height", face.height(), config.height());
    double blur = BlurScale.degree(face.blur());
    if (config.blurDegree() > 0 && blur > config.blurDegree()) {
      throw new RowError(ErrorCode.BLURRED, String.format("blur degree %.0f > %d", blur, config.blurDegree()));
    }
    return face;
  }

  private static void over(ErrorCode code, String what, double value, int limit) {
    if (limit > 0 && value > limit) {
      throw new RowError(code, String.format("%s %.1f° > %d°", what, value, limit));
    }
  }

  private static void under(ErrorCode code, String what, int value, int limit) {
    if (limit > 0 && value < limit) {
      throw new RowError(code, String.format("%s %d px < %d px", what, value, limit));
    }
  }
}
