package org.aips.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Images;
import org.aips.server.support.SharedNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

class SubmissionValidationTest {

  private static final String TOKEN = Tokens.valid("validator");
  private static final ApiClient api = SharedNode.api();

  private static String reject(JsonObject task, int status) {
    return errorCode(api.post("/api/task", TOKEN, task), status);
  }

  private static JsonObject thumbnail(String contentImage) {
    return new JsonObject().put("taskType", "Thumbnail").put("contentImage", contentImage);
  }

  @Test
  void malformedJsonIsABadRequest() {
    String code = errorCode(api.postRaw("/api/task", TOKEN, "application/json", Buffer.buffer("{\"taskType\": \"Noop\",")), 400);
    assertThat(code).isEqualTo("BAD_REQUEST");
  }

  @Test
  void fieldsOutsideTheSeedRangesAreRefusedByTheContract() {
    assertThat(reject(new JsonObject().put("taskType", "Noop").put("quality", 101), 400)).isEqualTo("BAD_REQUEST");
    assertThat(reject(new JsonObject().put("taskType", "Noop").put("vip", -1), 400)).isEqualTo("BAD_REQUEST");
    assertThat(reject(new JsonObject().put("taskType", "Noop").put("keepSeconds", 0), 400)).isEqualTo("BAD_REQUEST");
    assertThat(reject(new JsonObject().put("taskType", "Noop").put("keepSecond", 10), 400)).isEqualTo("BAD_REQUEST");
    assertThat(reject(new JsonObject().put("quality", 10), 400)).isEqualTo("BAD_REQUEST");
  }

  @Test
  void configuredLimitsAreEnforced() {
    assertThat(reject(new JsonObject().put("taskType", "Noop").put("keepSeconds", 100_000_000L), 400)).isEqualTo("BAD_REQUEST");
    assertThat(reject(new JsonObject().put("taskType", "Noop").put("demandVisitTimes", 100_000_000), 400)).isEqualTo("BAD_REQUEST");
  }

  @Test
  void unknownTaskTypesAndBadParamsAreNamed() {
    assertThat(reject(new JsonObject().put("taskType", "NoSuchType"), 400)).isEqualTo("UNKNOWN_TASK_TYPE");
    assertThat(reject(new JsonObject().put("taskType", "Sleep").put("params", new JsonObject().put("millis", "long")), 400))
        .isEqualTo("INVALID_PARAMS");
    assertThat(reject(new JsonObject().put("taskType", "Sleep"), 400)).isEqualTo("INVALID_PARAMS");
    assertThat(reject(new JsonObject().put("taskType", "Thumbnail"), 400)).isEqualTo("MISSING_INPUT");
  }

  private static String rejectMessage(JsonObject task) {
    HttpResponse<Buffer> response = api.post("/api/task", TOKEN, task);
    assertThat(errorCode(response, 400)).isEqualTo("INVALID_IMAGE");
    return response.bodyAsJsonObject().getJsonObject("error").getString("message");
  }

  @Test
  void badBase64AndNonImagesAreRefused() {
    assertThat(reject(thumbnail("%%% not base64 %%%"), 400)).isEqualTo("INVALID_BASE64");
    assertThat(reject(thumbnail(Images.base64("just some text, not an image".getBytes())), 400)).isEqualTo("INVALID_IMAGE");
    assertThat(reject(thumbnail(""), 400)).isEqualTo("INVALID_IMAGE");
  }

  @Test
  void truncatedImagesAreRefusedAtSubmission() {
    byte[] png = Images.png(400, 300);
    byte[] jpeg = Images.jpeg(400, 300);
    assertThat(rejectMessage(thumbnail(Images.base64(Arrays.copyOf(png, png.length * 3 / 5))))).contains("contentImage");
    assertThat(rejectMessage(thumbnail(Images.base64(Arrays.copyOf(jpeg, jpeg.length * 3 / 5))))).contains("truncated");

    byte[] withTrailer = Arrays.copyOf(jpeg, jpeg.length + 100); // data after the end marker, as motion photos carry
    assertThat(api.submit(TOKEN, thumbnail(Images.base64(withTrailer))).getString("queryCode")).isNotBlank();
  }

  @Test
  void aHugePixelCountIsRefusedBeforeDecoding() {
    byte[] bomb = Images.pngHeaderClaiming(60_000, 60_000);
    assertThat(bomb.length).isLessThan(2_000);
    assertThat(reject(thumbnail(Images.base64(bomb)), 400)).isEqualTo("IMAGE_TOO_LARGE");
  }

  @Test
  void anOversizedBodyIsRefused() {
    char[] big = new char[33 * 1024 * 1024];
    Arrays.fill(big, 'A');
    String code = errorCode(api.postRaw("/api/task", TOKEN, "application/json",
        Buffer.buffer("{\"taskType\":\"Thumbnail\",\"contentImage\":\"" + new String(big) + "\"}")), 413);
    assertThat(code).isEqualTo("BODY_TOO_LARGE");
  }

  @Test
  void dataUrlsAreAccepted() {
    JsonObject answer = api.submit(TOKEN, thumbnail("data:image/png;base64," + Images.base64(Images.png(40, 30))));
    assertThat(answer.getString("queryCode")).matches("[A-Za-z0-9_-]{32}");
  }
}
