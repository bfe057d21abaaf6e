package org.aips.server.vision;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.inference.InferenceClient;
import org.aips.server.inference.TensorData;

import java.util.ArrayList;
import java.util.List;

/**
 * Faces in an image: BlazeFace finds them on the whole image (256 px), the face mesh refines each
 * (192-px crop of the detection squared, enlarged by {@code cropScale} and turned so the eyes are level) and gives landmarks and
 * pose, and on request the description model (224 px) gives a unit-length descriptor. Model calls
 * go over the event bus; pixel work runs on worker threads.
 */
final class FaceService {

  private static final int DESCRIPTOR_INPUT = 224;
  /** The description model sees the mesh's face box squared and enlarged by this. */
  private static final double DESCRIPTOR_CROP = 1.5;

  private final Vertx vertx;
  private final InferenceClient inference;
  private final FaceSettings settings;

  FaceService(Vertx vertx, InferenceClient inference, FaceSettings settings) {
    this.vertx = vertx;
    this.inference = inference;
    this.settings = settings;
  }

  /** One analysed face before it becomes JSON. */
  private record Face(BlazeFace.Detection detection, FaceCrop crop, byte[] cropPixels, FaceMesh mesh, double meshScore) {
  }

  private record MeshInput(List<FaceCrop> crops, byte[] pixels) {
  }

  Future<JsonObject> analyze(RgbImage image, boolean withDescriptor, boolean withMesh, long deadline) {
    TensorData input = TensorData.ofBytes("image", new long[] {1, BlazeFace.INPUT, BlazeFace.INPUT, 3},
        Resampler.resize(image, BlazeFace.INPUT, BlazeFace.INPUT));
    return inference.run(settings.detector(), input, deadline)
        .map(out -> BlazeFace.decode(out, image.width(), image.height(), settings.minScore(), settings.iouThreshold(), settings.maxFaces()))
        .compose(detections -> detections.isEmpty() ? Future.succeededFuture(List.<Face>of()) : mesh(image, detections, deadline))
        .compose(faces -> withDescriptor && !faces.isEmpty()
            ? describe(image, faces, deadline).map(descriptors -> toJson(image, faces, descriptors, withMesh))
            : Future.succeededFuture(toJson(image, faces, null, withMesh)));
  }

  private Future<List<Face>> mesh(RgbImage image, List<BlazeFace.Detection> detections, long deadline) {
    return vertx.executeBlocking(() -> {
      int n = detections.size();
      int size = FaceMesh.INPUT * FaceMesh.INPUT * 3;
      byte[] batch = new byte[n * size];
      List<FaceCrop> crops = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        BlazeFace.Detection detection = detections.get(i);
        FaceCrop crop = FaceCrop.around(detection.box(), settings.cropScale(), FaceCrop.eyeAngle(detection.keypoints()[0], detection.keypoints()[1]));
        crops.add(crop);
        System.arraycopy(crop.sample(image, FaceMesh.INPUT), 0, batch, i * size, size);
      }
      return new MeshInput(crops, batch);
    }, false).compose(prepared -> {
      List<FaceCrop> crops = prepared.crops();
      byte[] batch = prepared.pixels();
      int size = FaceMesh.INPUT * FaceMesh.INPUT * 3;
      TensorData input = TensorData.ofBytes("crops", new long[] {detections.size(), FaceMesh.INPUT, FaceMesh.INPUT, 3}, batch);
      return inference.run(settings.mesh(), input, deadline).map(out -> {
        List<Face> faces = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
          double meshScore = out.get(1).item(i)[0];
          if (meshScore >= settings.minMeshScore()) {
            byte[] pixels = java.util.Arrays.copyOfRange(batch, i * size, (i + 1) * size);
            faces.add(new Face(detections.get(i), crops.get(i), pixels, FaceMesh.fromCrop(out.get(0).item(i), crops.get(i)), meshScore));
          }
        }
        return faces;
      });
    });
  }

  private Future<List<float[]>> describe(RgbImage image, List<Face> faces, long deadline) {
    return vertx.executeBlocking(() -> {
      int size = DESCRIPTOR_INPUT * DESCRIPTOR_INPUT * 3;
      byte[] batch = new byte[faces.size() * size];
      for (int i = 0; i < faces.size(); i++) {
        FaceMesh mesh = faces.get(i).mesh();
        FaceCrop aligned = FaceCrop.around(mesh.bounds(), DESCRIPTOR_CROP, mesh.eyeAngle());
        System.arraycopy(aligned.sample(image, DESCRIPTOR_INPUT), 0, batch, i * size, size);
      }
      return TensorData.ofBytes("faces", new long[] {faces.size(), DESCRIPTOR_INPUT, DESCRIPTOR_INPUT, 3}, batch);
    }, false).compose(input -> inference.run(settings.descriptor(), input, deadline)).map(out -> {
      List<float[]> descriptors = new ArrayList<>();
      for (int i = 0; i < faces.size(); i++) {
        descriptors.add(Descriptors.normalized(out.get(0).item(i)));
      }
      return descriptors;
    });
  }

  private static JsonObject toJson(RgbImage image, List<Face> faces, List<float[]> descriptors, boolean withMesh) {
    JsonArray all = new JsonArray();
    for (int i = 0; i < faces.size(); i++) {
      Face face = faces.get(i);
      Box box = face.mesh().bounds().clippedTo(image.width(), image.height());
      JsonObject json = new JsonObject()
          .put("box", box.toJson())
          .put("score", Math.round(face.detection().score() * 1000) / 1000.0)
          .put("meshScore", Math.round(face.meshScore() * 1000) / 1000.0)
          .put("width", (int) Math.round(box.width()))
          .put("height", (int) Math.round(box.height()))
          .put("landmarks", face.mesh().landmarks())
          .put("pose", face.mesh().pose())
          .put("blur", Box.round(BlurScore.of(face.cropPixels(), FaceMesh.INPUT)));
      if (descriptors != null) {
        json.put("descriptor", Descriptors.toJson(descriptors.get(i)));
      }
      if (withMesh) {
        json.put("mesh", face.mesh().points());
      }
      all.add(json);
    }
    return new JsonObject().put("width", image.width()).put("height", image.height()).put("faces", all);
  }
}
