package org.aips.spi.services;

/**
 * Event-bus addresses of the shared services every AIPS node may reach (docs/inference.md,
 * docs/style.md). Defined here once, for the server that serves them and the plugins that call
 * them; prefer the typed clients ({@link FacesClient}, {@link ObjectsClient}, {@link StyleClient},
 * {@link FaceGroupsClient}).
 */
public final class ServiceAddresses {

  /** Request/reply: faces in an image. */
  public static final String FACES = "aips.vision.faces";
  /** Request/reply: objects in an image or in a batch of RGB24 frames. */
  public static final String OBJECTS = "aips.vision.objects";
  /** Request/reply: paint a content image in a style. */
  public static final String STYLE_PAINT = "aips.style.paint";
  /** Publish a job id: stop that painting, queued or running. */
  public static final String STYLE_CANCEL = "aips.style.cancel";
  /** Request/reply: the best match of each face descriptor in a face group (served by the face-ingest plugin). */
  public static final String FACE_GROUPS_IDENTIFY = "aips.facegroups.identify";

  /** Request headers of the vision services. */
  public static final String HEADER_DESCRIPTOR = "descriptor";
  public static final String HEADER_MESH = "mesh";
  public static final String HEADER_FORMAT = "format";
  public static final String HEADER_WIDTH = "width";
  public static final String HEADER_HEIGHT = "height";
  public static final String HEADER_DEADLINE = "deadline";
  public static final String FORMAT_RGB24 = "rgb24";

  /** Where a painting's progress goes (any address the caller listens on; this is the conventional one). */
  public static String styleProgress(String job) {
    return "aips.style.progress." + job;
  }

  private ServiceAddresses() {
  }
}
