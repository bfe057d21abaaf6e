package org.aips.server.vision;

import org.aips.spi.services.ServiceAddresses;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.inference.InferenceClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The vision services on the event bus ({@code aips.vision.faces}, {@code aips.vision.objects};
 * docs/inference.md): decodes images on worker threads and calls the models through
 * {@link InferenceClient}, so it can run on any node, near the data or near the GPUs.
 */
public final class VisionVerticle extends VerticleBase {

  /** Request headers. */
  public static final String DESCRIPTOR = ServiceAddresses.HEADER_DESCRIPTOR;
  public static final String MESH = ServiceAddresses.HEADER_MESH;
  public static final String FORMAT = ServiceAddresses.HEADER_FORMAT;
  public static final String WIDTH = ServiceAddresses.HEADER_WIDTH;
  public static final String HEIGHT = ServiceAddresses.HEADER_HEIGHT;
  public static final String RGB24 = ServiceAddresses.FORMAT_RGB24;

  private static final Logger LOG = LoggerFactory.getLogger(VisionVerticle.class);

  private final JsonObject settings;
  private final long maxPixels;
  private ImageDecoder decoder;
  private FaceService faces;
  private ObjectService objects;

  /** {@code settings}: the {@code vision} configuration section. */
  public VisionVerticle(JsonObject settings, long maxPixels) {
    this.settings = settings;
    this.maxPixels = maxPixels;
  }

  @Override
  public Future<?> start() {
    InferenceClient inference = new InferenceClient(vertx);
    decoder = new ImageDecoder(maxPixels);
    faces = new FaceService(vertx, inference, FaceSettings.fromConfig(settings.getJsonObject("faces")));
    objects = new ObjectService(inference, ObjectSettings.fromConfig(settings.getJsonObject("objects")));
    return Future.all(
        vertx.eventBus().<Buffer>consumer(Addresses.VISION_FACES, this::faces).completion(),
        vertx.eventBus().<Buffer>consumer(Addresses.VISION_OBJECTS, this::objects).completion());
  }

  private void faces(Message<Buffer> message) {
    long deadline = deadline(message.headers());
    boolean descriptor = Boolean.parseBoolean(message.headers().get(DESCRIPTOR));
    boolean mesh = Boolean.parseBoolean(message.headers().get(MESH));
    vertx.executeBlocking(() -> decoder.decode(message.body().getBytes()), false)
        .compose(image -> faces.analyze(image, descriptor, mesh, deadline))
        .onComplete(done -> answer(message, done.succeeded() ? done.result() : null, done.cause()));
  }

  private void objects(Message<Buffer> message) {
    long deadline = deadline(message.headers());
    boolean frames = RGB24.equals(message.headers().get(FORMAT));
    vertx.executeBlocking(() -> {
      List<RgbImage> images = frames ? rawFrames(message) : List.of(decoder.decode(message.body().getBytes()));
      List<byte[]> inputs = new ArrayList<>();
      images.forEach(image -> inputs.add(ObjectService.prepare(image)));
      return new PreparedFrames(images, inputs);
    }, false).compose(prepared -> {
      List<Future<JsonObject>> results = new ArrayList<>();
      for (int i = 0; i < prepared.images().size(); i++) {
        results.add(objects.detect(prepared.images().get(i), prepared.inputs().get(i), deadline));
      }
      return Future.all(results).map(all -> frames
          ? new JsonObject().put("frames", new JsonArray(all.list()))
          : (JsonObject) all.resultAt(0));
    }).onComplete(done -> answer(message, done.succeeded() ? done.result() : null, done.cause()));
  }

  private record PreparedFrames(List<RgbImage> images, List<byte[]> inputs) {
  }

  /** A batch of decoded frames: RGB24, rows top to bottom, {@code width} x {@code height} each, concatenated. */
  private List<RgbImage> rawFrames(Message<Buffer> message) {
    int width;
    int height;
    try {
      width = Integer.parseInt(message.headers().get(WIDTH));
      height = Integer.parseInt(message.headers().get(HEIGHT));
    } catch (NumberFormatException e) {
      throw new ImageRejected(VisionFailure.BAD_REQUEST, "rgb24 frames need integer width and height headers");
    }
    long frameBytes = (long) width * height * 3;
    if (width <= 0 || height <= 0 || message.body().length() == 0 || message.body().length() % frameBytes != 0) {
      throw new ImageRejected(VisionFailure.BAD_REQUEST, "the body is not a whole number of " + width + "x" + height + " RGB24 frames");
    }
    if ((long) width * height > maxPixels) {
      throw new ImageRejected(VisionFailure.IMAGE_TOO_LARGE, "frames have " + (long) width * height + " pixels; the limit is " + maxPixels);
    }
    List<RgbImage> images = new ArrayList<>();
    for (int offset = 0; offset < message.body().length(); offset += (int) frameBytes) {
      images.add(new RgbImage(width, height, message.body().getBytes(offset, offset + (int) frameBytes)));
    }
    return images;
  }

  private long deadline(MultiMap headers) {
    String deadline = headers.get(InferenceClient.DEADLINE_HEADER);
    return deadline != null ? Long.parseLong(deadline) : System.currentTimeMillis() + settings.getLong("requestTimeoutMs");
  }

  private static void answer(Message<Buffer> message, JsonObject result, Throwable failure) {
    if (failure == null) {
      message.reply(result);
    } else if (failure instanceof ImageRejected rejected) {
      message.fail(rejected.failure().busCode(), rejected.getMessage());
    } else if (failure instanceof ReplyException reply && VisionFailure.ofBusCode(reply.failureCode()).isPresent()) {
      message.fail(reply.failureCode(), reply.getMessage());
    } else {
      LOG.error("vision request failed", failure);
      message.fail(VisionFailure.INTERNAL.busCode(), "internal error: " + failure.getMessage());
    }
  }
}
