package org.aips.server.vision;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.support.Images;
import org.aips.server.support.Photos;
import org.aips.server.support.VisionBus;
import org.aips.server.support.VisionNode;
import org.aips.server.support.WebpEncoder;
import org.aips.server.support.WebpSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The objects service over the event bus. */
class ObjectServiceTest {

  private final VisionBus bus = new VisionBus(VisionNode.server().vertx());

  @Test
  void findsThePeopleOfGroupPhotosAsBodies() {
    int[][] samplesAndPeople = {{1, 3}, {4, 2}, {6, 4}};
    for (int[] sample : samplesAndPeople) {
      JsonArray bodies = bodies(bus.objects(Photos.faceApiSample(sample[0])));
      assertThat(bodies.size()).as("people in sample%d.jpg", sample[0]).isGreaterThanOrEqualTo(sample[1]);
      bodies.forEach(body -> assertThat(((JsonObject) body).getString("class")).isEqualTo("person"));
    }
  }

  @Test
  void findsThePeopleOfAGroupPhotoSentAsWebp() {
    byte[] webp = WebpEncoder.encode(new ImageDecoder(Long.MAX_VALUE).decode(Photos.faceApiSample(6)));
    JsonObject result = bus.request(Addresses.VISION_OBJECTS, Buffer.buffer(webp), new DeliveryOptions());
    assertThat(result.getInteger("width")).isEqualTo(1920);
    assertThat(bodies(result.getJsonArray("objects")).size()).as("people in sample6 as WebP").isGreaterThanOrEqualTo(4);
  }

  @Test
  void aRealWebpPhotoIsAnalysed() {
    // Google's WebP gallery photo of a fire-breather: CenterNet finds only the spectator at the right
    // (not the performer lying in red light, nor the drummers cut off at the neck); the same pixels
    // as PNG give the same answer, so that is the model, not the WebP decoder.
    JsonObject result = bus.request(Addresses.VISION_OBJECTS, Buffer.buffer(WebpSamples.read(WebpSamples.FIRE_BREATHER)), new DeliveryOptions());
    assertThat(result.getInteger("width")).isEqualTo(1024);
    assertThat(result.getInteger("height")).isEqualTo(752);
    assertThat(bodies(result.getJsonArray("objects"))).isNotEmpty();
  }

  @Test
  void findsNobodyInAPictureWithoutPeople() {
    assertThat(bodies(bus.objects(Images.png(640, 480)))).isEmpty();
  }

  @Test
  void decodedFramesGoAsOneBatchAndAnswerPerFrame() {
    RgbImage frame = new ImageDecoder(Long.MAX_VALUE).decode(Photos.faceApiSample(6));
    RgbImage small = new RgbImage(frame.width() / 4, frame.height() / 4, Resampler.resize(frame, frame.width() / 4, frame.height() / 4));
    Buffer frames = Buffer.buffer(small.rgb()).appendBytes(small.rgb());
    DeliveryOptions options = new DeliveryOptions().addHeader("format", "rgb24")
        .addHeader("width", Integer.toString(small.width())).addHeader("height", Integer.toString(small.height()));
    JsonArray results = bus.request(Addresses.VISION_OBJECTS, frames, options).getJsonArray("frames");
    assertThat(results).hasSize(2);
    for (Object result : results) {
      assertThat(((JsonObject) result).getInteger("width")).isEqualTo(small.width());
      assertThat(bodies(((JsonObject) result).getJsonArray("objects")).size()).isGreaterThanOrEqualTo(3);
    }
  }

  static JsonArray bodies(JsonArray objects) {
    return new JsonArray(objects.stream().filter(o -> "body".equals(((JsonObject) o).getString("category"))).toList());
  }
}
