package org.aips.plugins.faceingest.ingest;

import org.aips.spi.services.Box;
import org.aips.spi.services.Face;
import org.aips.spi.services.Faces;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaceGateTest {

  private static final IngestConfig NO_LIMITS = new IngestConfig(0, 0, 0, 0, 0, 0, 10, 0);

  @Test
  void theLargestFaceIsTheOneEnrolled() {
    Face small = face(40, 0, 0, 0, 200);
    Face large = face(200, 0, 0, 0, 200);
    assertThat(new FaceGate(NO_LIMITS).admit(new Faces(800, 600, List.of(small, large, small)))).isSameAs(large);
  }

  @Test
  void eachLimitHasItsCode() {
    assertCode(new IngestConfig(0, 0, 0, 0, 0, 0, 10, 0), new Faces(10, 10, List.of()), ErrorCode.NO_FACE);
    assertCode(new IngestConfig(10, 0, 0, 0, 0, 0, 10, 0), faces(face(100, -15, 0, 0, 200)), ErrorCode.PITCH);
    assertCode(new IngestConfig(0, 20, 0, 0, 0, 0, 10, 0), faces(face(100, 0, 35, 0, 200)), ErrorCode.YAW);
    assertCode(new IngestConfig(0, 0, 5, 0, 0, 0, 10, 0), faces(face(100, 0, 0, -30, 200)), ErrorCode.ROLL);
    assertCode(new IngestConfig(0, 0, 0, 120, 0, 0, 10, 0), faces(face(100, 0, 0, 0, 200)), ErrorCode.NARROW);
    assertCode(new IngestConfig(0, 0, 0, 0, 120, 0, 10, 0), faces(face(100, 0, 0, 0, 200)), ErrorCode.SHORT);
    assertCode(new IngestConfig(0, 0, 0, 0, 0, 50, 10, 0), faces(face(100, 0, 0, 0, 10)), ErrorCode.BLURRED);
  }

  @Test
  void facesWithinTheLimitsPassAndZeroMeansNoLimit() {
    IngestConfig limits = new IngestConfig(20, 20, 20, 80, 80, 50, 10, 0);
    assertThat(new FaceGate(limits).admit(faces(face(100, -19, 19, 19.9, 31)))).isNotNull();
    assertThat(new FaceGate(NO_LIMITS).admit(faces(face(5, 80, 80, 80, 0)))).isNotNull();
  }

  @Test
  void theBlurDegreeGrowsAsSharpnessFallsWithFiftyAtThirty() {
    assertThat(BlurScale.degree(30)).isEqualTo(50.0);
    assertThat(BlurScale.degree(0)).isEqualTo(100.0);
    assertThat(BlurScale.degree(270)).isEqualTo(10.0);
    assertThat(BlurScale.degree(1000)).isLessThan(BlurScale.degree(100));
  }

  private static void assertCode(IngestConfig config, Faces faces, ErrorCode code) {
    assertThatThrownBy(() -> new FaceGate(config).admit(faces)).isInstanceOfSatisfying(RowError.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static Faces faces(Face face) {
    return new Faces(1000, 1000, List.of(face));
  }

  private static Face face(int size, double pitch, double yaw, double roll, double sharpness) {
    return new Face(new Box(0, 0, size, size), 0.9, 0.9, size, size, Map.of(), new Face.Pose(yaw, pitch, roll), sharpness,
        new float[] {1f}, List.of());
  }
}
