package org.aips.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Photos;
import org.aips.server.support.Tokens;
import org.aips.server.support.VisionNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

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
}
