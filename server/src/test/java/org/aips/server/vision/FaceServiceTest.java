package org.aips.server.vision;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.support.Images;
import org.aips.server.support.Photos;
import org.aips.server.support.VisionBus;
import org.aips.server.support.VisionNode;
import org.aips.server.support.WebpEncoder;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The faces service over the event bus, on the face-api group photos (faces counted by eye). */
class FaceServiceTest {

  private final VisionBus bus = new VisionBus(VisionNode.server().vertx());

  @Test
  void findsEveryFaceInGroupPhotos() {
    int[][] samplesAndFaces = {{1, 3}, {2, 3}, {4, 4}, {5, 5}, {6, 4}};
    for (int[] sample : samplesAndFaces) {
      JsonArray faces = bus.faces(Photos.faceApiSample(sample[0]));
      assertThat(faces).as("faces in sample%d.jpg", sample[0]).hasSize(sample[1]);
      faces.forEach(face -> assertPlausible((JsonObject) face));
    }
  }

  @Test
  void findsEveryFaceInAGroupPhotoSentAsWebp() {
    byte[] jpeg = Photos.faceApiSample(6);
    byte[] webp = WebpEncoder.encode(new ImageDecoder(Long.MAX_VALUE).decode(jpeg));
    assertThat(new String(webp, 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WEBP");
    JsonArray faces = bus.faces(webp);
    assertThat(faces).as("faces in sample6 as WebP").hasSize(4);
    faces.forEach(face -> assertPlausible((JsonObject) face));
  }

  @Test
  void findsNoFaceInPicturesWithoutPeople() {
    assertThat(bus.faces(Images.png(640, 480))).isEmpty();
    assertThat(bus.faces(noisePng(512, 384))).isEmpty();
  }

  @Test
  void mirroringNegatesYawAndRollAndKeepsPitch() throws IOException {
    byte[] original = Photos.faceApiSample(1);
    RgbImage decoded = new ImageDecoder(Long.MAX_VALUE).decode(original);
    JsonArray faces = bus.faces(original);
    JsonArray mirroredFaces = bus.faces(png(decoded.mirrored()));
    assertThat(mirroredFaces).hasSameSizeAs(faces);
    for (Object value : faces) {
      JsonObject face = (JsonObject) value;
      JsonObject mirror = closestTo(mirroredFaces, decoded.width() - centerX(face), centerY(face));
      JsonObject pose = face.getJsonObject("pose");
      JsonObject mirrorPose = mirror.getJsonObject("pose");
      assertThat(mirrorPose.getDouble("yaw")).as("yaw of %s", pose).isCloseTo(-pose.getDouble("yaw"), within(6.0));
      assertThat(mirrorPose.getDouble("roll")).as("roll of %s", pose).isCloseTo(-pose.getDouble("roll"), within(4.0));
      assertThat(mirrorPose.getDouble("pitch")).as("pitch of %s", pose).isCloseTo(pose.getDouble("pitch"), within(6.0));
    }
  }

  @Test
  void posesSignsFollowTheDocumentedConventions() {
    // sample1.jpg: the woman on the right leans her head clockwise as seen (her left eye is lower).
    JsonObject leaning = closestTo(bus.faces(Photos.faceApiSample(1)), 1578, 344);
    assertThat(leaning.getJsonObject("pose").getDouble("roll")).isGreaterThan(10);
    JsonArray rightEye = leaning.getJsonObject("landmarks").getJsonArray("rightEye");
    JsonArray leftEye = leaning.getJsonObject("landmarks").getJsonArray("leftEye");
    assertThat(leftEye.getDouble(1)).isGreaterThan(rightEye.getDouble(1));
  }

  @Test
  void samePersonMatchesBetterThanOtherPeople() {
    // The blonde woman on the right of sample1.jpg is the one in the middle of sample3.jpg.
    JsonArray first = bus.facesResult(Photos.faceApiSample(1), true).getJsonArray("faces");
    JsonArray second = bus.facesResult(Photos.faceApiSample(3), true).getJsonArray("faces");
    JsonObject person = closestTo(first, 1578, 344);
    JsonObject samePerson = closestTo(second, 1188, 370);
    double same = similarity(person, samePerson);
    for (Object other : second) {
      if (other != samePerson) {
        assertThat(similarity(person, (JsonObject) other)).isLessThan(same - 0.05);
      }
    }
    for (Object other : first) {
      if (other != person) {
        assertThat(similarity((JsonObject) other, samePerson)).isLessThan(same - 0.05);
      }
    }
    assertThat(similarity(person, person)).isCloseTo(1.0, within(1e-3));
  }

  @Test
  void nonImagesAreRejected() {
    assertThat(bus.failureOf(Addresses.VISION_FACES, "{\"not\": \"an image\"}".getBytes())).isEqualTo(VisionFailure.INVALID_IMAGE);
  }

  static void assertPlausible(JsonObject face) {
    JsonObject box = face.getJsonObject("box");
    assertThat(face.getInteger("width")).isBetween(100, 400);
    assertThat(face.getDouble("score")).isBetween(0.5, 1.0);
    for (String angle : List.of("yaw", "pitch", "roll")) {
      assertThat(face.getJsonObject("pose").getDouble(angle)).isBetween(-90.0, 90.0);
    }
    assertThat(face.getDouble("blur")).isPositive();
    for (String landmark : List.of("rightEye", "leftEye", "noseTip", "mouth")) {
      JsonArray point = face.getJsonObject("landmarks").getJsonArray(landmark);
      assertThat(point.getDouble(0)).isBetween(box.getDouble("x"), box.getDouble("x") + box.getDouble("width"));
      assertThat(point.getDouble(1)).isBetween(box.getDouble("y"), box.getDouble("y") + box.getDouble("height"));
    }
  }

  static JsonObject closestTo(JsonArray faces, double x, double y) {
    return faces.stream().map(JsonObject.class::cast)
        .min((a, b) -> Double.compare(Math.hypot(centerX(a) - x, centerY(a) - y), Math.hypot(centerX(b) - x, centerY(b) - y)))
        .orElseThrow();
  }

  private static double centerX(JsonObject face) {
    return face.getJsonObject("box").getDouble("x") + face.getJsonObject("box").getDouble("width") / 2;
  }

  private static double centerY(JsonObject face) {
    return face.getJsonObject("box").getDouble("y") + face.getJsonObject("box").getDouble("height") / 2;
  }

  private static double similarity(JsonObject a, JsonObject b) {
    return Descriptors.similarity(a.getJsonArray("descriptor"), b.getJsonArray("descriptor"));
  }

  static byte[] png(RgbImage image) throws IOException {
    BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    IntStream.range(0, image.height()).forEach(y -> IntStream.range(0, image.width()).forEach(x ->
        buffered.setRGB(x, y, (image.at(x, y, 0) << 16) | (image.at(x, y, 1) << 8) | image.at(x, y, 2))));
    return ImageDecoderTest.encode(buffered, "png");
  }

  private static byte[] noisePng(int width, int height) {
    Random random = new Random(11);
    byte[] rgb = new byte[width * height * 3];
    random.nextBytes(rgb);
    try {
      return png(new RgbImage(width, height, rgb));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static BufferedImage read(byte[] bytes) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }
}
