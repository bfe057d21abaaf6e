package org.aips.server.vision;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import org.aips.server.support.Photos;
import org.aips.server.support.VisionNode;
import org.aips.spi.services.Detection;
import org.aips.spi.services.Detections;
import org.aips.spi.services.Face;
import org.aips.spi.services.FacesClient;
import org.aips.spi.services.Faces;
import org.aips.spi.services.ObjectsClient;
import org.aips.spi.services.ServiceException;
import org.aips.spi.services.ServiceFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SPI's typed clients, as a plugin uses them, against the real vision services. */
class TypedClientsTest {

  private final EventBus bus = VisionNode.server().vertx().eventBus();

  @Test
  void theFacesClientAnswersRecordsWithPoseBlurAndUnitDescriptors() {
    Faces found = FacesClient.create(bus).faces(Buffer.buffer(Photos.faceApiSample(1)), FacesClient.Options.withDescriptors()).await();
    assertThat(found.width()).isPositive();
    assertThat(found.faces()).hasSizeGreaterThanOrEqualTo(3);
    for (Face face : found.faces()) {
      assertThat(face.descriptor()).hasSize(1024);
      assertThat(face.similarity(face)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
      assertThat(face.landmarks()).containsKeys("leftEye", "rightEye", "noseTip", "mouth", "chin");
      assertThat(Math.abs(face.pose().yaw())).isLessThan(90);
      assertThat(face.blur()).isPositive();
    }
    Face a = found.faces().get(0);
    Face b = found.faces().get(1);
    assertThat(a.similarity(b)).as("two different people").isLessThan(0.9);
  }

  @Test
  void theObjectsClientFindsPeopleAsBodies() {
    Detections found = ObjectsClient.create(bus).objects(Buffer.buffer(Photos.faceApiSample(6))).await();
    List<Detection> bodies = found.objects().stream().filter(d -> d.category().filter("body"::equals).isPresent()).toList();
    assertThat(bodies).hasSizeGreaterThanOrEqualTo(4);
    assertThat(bodies).allSatisfy(body -> assertThat(body.className()).isEqualTo("person"));
  }

  @Test
  void aBadImageFailsWithAPermanentServiceFailure() {
    Throwable failure = FacesClient.create(bus).faces(Buffer.buffer("not an image"), FacesClient.Options.boxesAndPose())
        .map(faces -> (Throwable) null).otherwise(e -> e).await();
    assertThat(failure).isInstanceOf(ServiceException.class);
    assertThat(((ServiceException) failure).failure()).isEqualTo(ServiceFailure.INVALID_IMAGE);
    assertThat(((ServiceException) failure).failure().isPermanent()).isTrue();
  }

  @Test
  void aServiceNoNodeServesFailsAsNotServed() {
    ServiceFailure failure = ServiceFailure.of(bus.request("aips.vision.nowhere", "x").map(m -> (Throwable) null).otherwise(e -> e).await())
        .orElseThrow();
    assertThat(failure).isEqualTo(ServiceFailure.NOT_SERVED);
    assertThat(failure.isPermanent()).isFalse();
  }
}
