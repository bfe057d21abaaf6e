package org.aips.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Photos;
import org.aips.server.support.Tokens;
import org.aips.server.support.VisionNode;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aips.server.support.WebpSamples;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** POST /api/vision/faces and /api/vision/objects: the vision services over HTTP, behind x-token. */
class VisionApiTest {

  private static final ApiClient api = VisionNode.api();
  private static final String OCTETS = "application/octet-stream";

  @Test
  void facesAnswersFacesWithUnitDescriptorsOnRequest() {
    JsonObject data = ApiClient.data(api.postRaw("/api/vision/faces?descriptor=true", Tokens.valid("alice"), OCTETS,
        Buffer.buffer(Photos.faceApiSample(6))));
    assertThat(data.getInteger("width")).isEqualTo(1920);
    JsonArray faces = data.getJsonArray("faces");
    assertThat(faces).hasSize(4);
    JsonArray descriptor = faces.getJsonObject(0).getJsonArray("descriptor");
    assertThat(descriptor).hasSize(1024);
    double norm = Math.sqrt(descriptor.stream().mapToDouble(v -> ((Number) v).doubleValue() * ((Number) v).doubleValue()).sum());
    assertThat(norm).isCloseTo(1.0, within(1e-3));
    assertThat(faces.getJsonObject(0).containsKey("mesh")).isFalse();
  }

  @Test
  void meshIsReturnedOnRequest() {
    JsonObject data = ApiClient.data(api.postRaw("/api/vision/faces?mesh=true", Tokens.valid("alice"), OCTETS,
        Buffer.buffer(Photos.faceApiSample(1))));
    assertThat(data.getJsonArray("faces").getJsonObject(0).getJsonArray("mesh")).hasSize(468);
  }

  @Test
  void objectsAnswersPersonsAsBodies() {
    JsonObject data = ApiClient.data(api.postRaw("/api/vision/objects", Tokens.valid("alice"), OCTETS,
        Buffer.buffer(Photos.faceApiSample(6))));
    assertThat(data.getJsonArray("objects").stream().map(JsonObject.class::cast)
        .filter(o -> "person".equals(o.getString("class")) && "body".equals(o.getString("category")))).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void visionRoutesRequireAToken() {
    Buffer image = Buffer.buffer(Photos.faceApiSample(1));
    assertThat(errorCode(api.postRaw("/api/vision/faces", null, OCTETS, image), 401)).isEqualTo("UNAUTHORIZED");
    assertThat(errorCode(api.postRaw("/api/vision/objects", Tokens.forged("alice"), OCTETS, image), 401)).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void brokenUploadsGetClearErrors() {
    String token = Tokens.valid("alice");
    byte[] photo = Photos.faceApiSample(4);
    assertThat(errorCode(api.postRaw("/api/vision/faces", token, OCTETS, Buffer.buffer("{\"a\": 1}")), 400)).isEqualTo("INVALID_IMAGE");
    assertThat(errorCode(api.postRaw("/api/vision/faces", token, OCTETS, Buffer.buffer(Arrays.copyOf(photo, photo.length / 2))), 400))
        .isEqualTo("TRUNCATED_IMAGE");
    assertThat(errorCode(api.postRaw("/api/vision/objects", token, OCTETS, Buffer.buffer(Arrays.copyOf(photo, 4096))), 400))
        .isEqualTo("INVALID_IMAGE");
  }

  @Test
  void imagesAreAcceptedUnderTheirOwnMediaTypesAndAsFormUploads() throws IOException {
    String token = Tokens.valid("alice");
    byte[] jpeg = Photos.faceApiSample(1);
    int faces = faces(api.postRaw("/api/vision/faces", token, OCTETS, Buffer.buffer(jpeg)));
    assertThat(faces).as("faces in face-api's sample1.jpg").isGreaterThan(0);

    assertThat(faces(api.postRaw("/api/vision/faces", token, "image/jpeg", Buffer.buffer(jpeg)))).isEqualTo(faces);
    assertThat(faces(api.postRaw("/api/vision/faces", token, "IMAGE/JPEG; charset=binary", Buffer.buffer(jpeg)))).isEqualTo(faces);
    BufferedImage photo = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
    // lossless re-encodings of the same pixels find the same faces
    assertThat(faces(api.postRaw("/api/vision/faces", token, "image/png", Buffer.buffer(encode(photo, "png"))))).isEqualTo(faces);
    assertThat(faces(api.postRaw("/api/vision/faces", token, "image/bmp", Buffer.buffer(encode(photo, "bmp"))))).isEqualTo(faces);
    // GIF has 256 colours: the same photo, coarser
    assertThat(faces(api.postRaw("/api/vision/faces", token, "image/gif", Buffer.buffer(encode(photo, "gif"))))).isGreaterThan(0);
    assertThat(faces(api.postForm("/api/vision/faces", token, Map.of("image", Buffer.buffer(jpeg)), "image/jpeg"))).isEqualTo(faces);

    JsonObject objects = ApiClient.data(api.postRaw("/api/vision/objects", token, "image/webp",
        Buffer.buffer(WebpSamples.read(WebpSamples.FIRE_BREATHER))));
    assertThat(objects.getJsonArray("objects").stream().map(JsonObject.class::cast)
        .filter(o -> "person".equals(o.getString("class")))).as("people on the fire-breather's stage").isNotEmpty();
  }

  @Test
  void aBodyThatIsNoImageTypeIsRefusedWithTheTypesAccepted() {
    var answer = api.postRaw("/api/vision/faces", Tokens.valid("alice"), "text/plain", Buffer.buffer(Photos.faceApiSample(1)));
    assertThat(errorCode(answer, 415)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(answer.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .contains("text/plain", "image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp", "application/octet-stream",
            "multipart/form-data");
  }

  @Test
  void aFormUploadNeedsExactlyOneFilePart() {
    Buffer image = Buffer.buffer(Photos.faceApiSample(1));
    Map<String, Buffer> two = new LinkedHashMap<>();
    two.put("image", image);
    two.put("other", image);
    var answer = api.postForm("/api/vision/objects", Tokens.valid("alice"), two, "image/jpeg");
    assertThat(errorCode(answer, 400)).isEqualTo("INVALID_IMAGE");
    assertThat(answer.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("exactly one file part");
  }

  private static int faces(io.vertx.ext.web.client.HttpResponse<Buffer> response) {
    return ApiClient.data(response).getJsonArray("faces").size();
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(image, 0, 0, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(rgb, format, out)).as("ImageIO writes " + format).isTrue();
    return out.toByteArray();
  }
}
