package org.aips.plugins.faceingest.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import org.aips.plugins.faceingest.ApiError;
import org.aips.plugins.faceingest.Settings;
import org.aips.plugins.faceingest.search.GroupSearch;
import org.aips.plugins.faceingest.search.IndexBuilding;
import org.aips.plugins.faceingest.search.Match;
import org.aips.plugins.faceingest.store.Descriptors;
import org.aips.plugins.faceingest.store.GroupFaces;
import org.aips.spi.services.Face;
import org.aips.spi.services.FacesClient;
import org.aips.spi.services.ServiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The groups beyond the seed: list groups, list/fetch/delete their faces, search them with an image. */
final class GroupRoutes {

  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1_000;
  static final int DEFAULT_K = 10;
  static final int MAX_K = 100;
  static final int MAX_DESCRIPTORS = 16;

  private final Vertx vertx;
  private final GroupFaces store;
  private final GroupSearch search;
  private final FacesClient faces;
  private final Settings settings;

  GroupRoutes(Vertx vertx, GroupFaces store, GroupSearch search, FacesClient faces, Settings settings) {
    this.vertx = vertx;
    this.store = store;
    this.search = search;
    this.faces = faces;
    this.settings = settings;
  }

  void groups(RoutingContext rc) {
    Answers.json(rc, store.groups().map(groups -> new JsonObject().put("groups", new JsonArray(groups))));
  }

  /** A page of faces in id order: {@code after} is the cursor (the last face id of the previous page), {@code next} the next one. */
  void faces(RoutingContext rc) {
    String group;
    int limit;
    long after;
    try {
      group = group(rc);
      limit = (int) number(rc, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
      after = number(rc, "after", 0, 0, Long.MAX_VALUE);
    } catch (ApiError e) {
      Answers.fail(rc, e);
      return;
    }
    Answers.json(rc, known(group).compose(v -> store.page(group, after, limit)).map(page -> {
      JsonObject answer = new JsonObject().put("faces", new JsonArray(page.stream().map(GroupFaces.StoredFace::toJson).toList()));
      answer.put("next", page.size() == limit ? page.get(page.size() - 1).id() : null);
      return answer;
    }));
  }

  void face(RoutingContext rc) {
    String group;
    long id;
    boolean descriptor;
    try {
      group = group(rc);
      id = faceId(rc);
      String flag = rc.request().getParam("descriptor", "false").strip();
      if (!flag.equals("true") && !flag.equals("false")) {
        throw ApiError.badRequest("descriptor must be true or false");
      }
      descriptor = flag.equals("true");
    } catch (ApiError e) {
      Answers.fail(rc, e);
      return;
    }
    Answers.json(rc, store.find(group, id, descriptor)
        .map(face -> face.orElseThrow(() -> ApiError.notFound("group '" + group + "' has no face " + id)).toJson()));
  }

  void deleteFace(RoutingContext rc) {
    String group;
    long id;
    try {
      group = group(rc);
      id = faceId(rc);
    } catch (ApiError e) {
      Answers.fail(rc, e);
      return;
    }
    Answers.ok(rc, store.delete(group, id).map(deleted -> {
      if (!deleted) {
        throw ApiError.notFound("group '" + group + "' has no face " + id);
      }
      return deleted;
    }));
  }

  /**
   * Every face of the image matched against the group. The image is the body (any image type or
   * application/octet-stream) or a multipart form's {@code file}; {@code k} and {@code threshold}
   * are query parameters.
   */
  void search(RoutingContext rc) {
    String group;
    int k;
    double threshold;
    try {
      group = group(rc);
      k = (int) number(rc, "k", DEFAULT_K, 1, MAX_K);
      threshold = threshold(rc);
    } catch (ApiError e) {
      Answers.fail(rc, e);
      return;
    }
    long started = System.nanoTime();
    String type = rc.request().getHeader("content-type");
    Future<List<Face>> queryFaces;
    if (type != null && type.toLowerCase().startsWith("application/json")) {
      try {
        queryFaces = Future.succeededFuture(descriptors(rc));
      } catch (ApiError e) {
        Answers.fail(rc, e);
        return;
      }
    } else {
      queryFaces = known(group).compose(v -> image(rc)).compose(this::detect);
    }
    Answers.json(rc, queryFaces.compose(found -> type != null && type.toLowerCase().startsWith("application/json")
        ? known(group).map(found) : Future.succeededFuture(found)).compose(found -> {
      List<Face> queries = found.stream().filter(f -> f.descriptor().length == Settings.DESCRIPTOR_LENGTH).toList();
      if (queries.isEmpty()) {
        return Future.succeededFuture(answer(group, "none", List.of(), List.of(), Map.of(), threshold, started));
      }
      float[][] descriptors = queries.stream().map(Face::descriptor).toArray(float[][]::new);
      return search.search(group, descriptors, k, threshold)
          .map(result -> answer(group, result.engine(), queries, result.matches(), result.summaries(), threshold, started));
    }).recover(e -> Future.failedFuture(e instanceof IndexBuilding building ? ApiError.unavailable(building.getMessage()) : e)));
  }

  /**
   * Descriptors given as JSON ({@code {"descriptors": [[1024 numbers], ...]}}, at most {@link #MAX_DESCRIPTORS}), for
   * example those of the video service's face events: each is a query face without a box, normalised here.
   */
  private static List<Face> descriptors(RoutingContext rc) {
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException e) {
      throw ApiError.badRequest("the body must be a JSON object {\"descriptors\": [[1024 numbers], ...]}");
    }
    JsonArray list = body == null ? null : body.getValue("descriptors") instanceof JsonArray array ? array : null;
    if (list == null || list.isEmpty() || list.size() > MAX_DESCRIPTORS) {
      throw ApiError.badRequest("descriptors must be an array of 1 to " + MAX_DESCRIPTORS + " descriptors of "
          + Settings.DESCRIPTOR_LENGTH + " numbers");
    }
    List<Face> faces = new ArrayList<>();
    for (Object item : list) {
      float[] descriptor;
      try {
        descriptor = Descriptors.unitFromJson(item);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(e.getMessage());
      }
      faces.add(new Face(null, 0, 0, 0, 0, Map.of(), null, 0, descriptor, List.of()));
    }
    return faces;
  }

  private static JsonObject answer(String group, String engine, List<Face> queries, List<List<Match>> matches,
                                   Map<Long, GroupFaces.Summary> summaries, double threshold, long started) {
    JsonArray faces = new JsonArray();
    for (int q = 0; q < queries.size(); q++) {
      Face face = queries.get(q);
      JsonArray found = new JsonArray();
      for (Match match : matches.get(q)) {
        GroupFaces.Summary summary = summaries.get(match.faceId());
        if (match.similarity() >= threshold && summary != null) { // a face deleted since the index last caught up is left out
          found.add(new JsonObject().put("face_id", match.faceId()).put("tag", summary.tag()).put("description", summary.description())
              .put("uri", summary.uri()).put("similarity", Math.round(match.similarity() * 1e6) / 1e6));
        }
      }
      JsonObject query = new JsonObject();
      if (face.box() != null) {
        query.put("box", new JsonObject().put("x", face.box().x()).put("y", face.box().y()).put("width", face.box().width())
            .put("height", face.box().height())).put("score", face.score());
      }
      faces.add(query.put("matches", found));
    }
    return new JsonObject().put("group_name", group).put("engine", engine).put("faces", faces)
        .put("took_ms", (System.nanoTime() - started) / 1_000_000);
  }

  private Future<List<Face>> detect(Buffer image) {
    FacesClient.Options options = new FacesClient.Options(true, false, System.currentTimeMillis() + settings.faceTimeoutMs());
    return faces.faces(image, options).map(found -> found.faces()).recover(e -> {
      if (e instanceof ServiceException service && service.failure().isPermanent()) {
        return Future.failedFuture(ApiError.badRequest("the image cannot be opened: " + service.failure() + ": " + service.getMessage()));
      }
      String why = e instanceof ServiceException service ? service.failure() + ": " + service.getMessage() : String.valueOf(e.getMessage());
      return Future.failedFuture(ApiError.unavailable("the face information service does not answer: " + why));
    });
  }

  /** The image: a multipart form's file (on disk already), or the body, read here with the size limit (the host leaves it unread). */
  private Future<Buffer> image(RoutingContext rc) {
    String type = rc.request().getHeader("content-type");
    String lower = type == null ? "" : type.toLowerCase();
    long max = settings.maxSearchImageBytes();
    if (lower.startsWith("multipart/form-data")) {
      List<FileUpload> files = rc.fileUploads().stream().filter(f -> "file".equals(f.name())).toList();
      if (files.size() != 1) {
        return Future.failedFuture(ApiError.badRequest("send the image as one multipart file field named 'file'"));
      }
      if (files.get(0).size() > max) {
        return Future.failedFuture(ApiError.tooLarge("the image has " + files.get(0).size() + " bytes; the limit is " + max));
      }
      return vertx.fileSystem().readFile(files.get(0).uploadedFileName()).compose(GroupRoutes::nonEmpty);
    }
    if (lower.startsWith("application/octet-stream") || lower.startsWith("image/")) {
      return read(rc.request(), max).compose(GroupRoutes::nonEmpty);
    }
    return Future.failedFuture(ApiError.unsupported("send the image as the body (image/jpeg, image/png, ... or application/octet-stream) "
        + "or as the file field of a multipart/form-data form, not " + (type == null ? "no content type" : type)));
  }

  private static Future<Buffer> nonEmpty(Buffer image) {
    return image.length() == 0 ? Future.failedFuture(ApiError.badRequest("the image is empty")) : Future.succeededFuture(image);
  }

  /** Reads a paused body up to {@code max} bytes; past it, answers 413 at once (the host closes the connection then). */
  private static Future<Buffer> read(HttpServerRequest request, long max) {
    String length = request.getHeader("content-length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > max) {
          return Future.failedFuture(ApiError.tooLarge("the image has " + length.strip() + " bytes; the limit is " + max));
        }
      } catch (NumberFormatException e) {
        return Future.failedFuture(ApiError.badRequest("bad content-length"));
      }
    }
    if (request.isEnded()) {
      return Future.succeededFuture(Buffer.buffer());
    }
    Promise<Buffer> body = Promise.promise();
    Buffer bytes = Buffer.buffer();
    request.handler(chunk -> {
      if (bytes.length() + chunk.length() > max) {
        request.pause();
        body.tryFail(ApiError.tooLarge("the image is over the limit of " + max + " bytes"));
      } else {
        bytes.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(body::tryFail);
    request.endHandler(v -> body.tryComplete(bytes));
    request.resume();
    return body.future();
  }

  /** 404 for a group that has neither faces nor tasks (a group already searched on this node exists: groups are not deleted). */
  private Future<Void> known(String group) {
    return search.exists(group).compose(exists -> exists ? Future.succeededFuture()
        : Future.failedFuture(ApiError.notFound("no group '" + group + "'")));
  }


  private static String group(RoutingContext rc) {
    return CreateForm.groupName(rc.pathParam("name"));
  }

  private static long faceId(RoutingContext rc) {
    return parse(rc.pathParam("faceId"), "faceId", 1, Long.MAX_VALUE);
  }

  private static long number(RoutingContext rc, String name, long fallback, long min, long max) {
    String value = rc.request().getParam(name);
    return value == null || value.isBlank() ? fallback : parse(value, name, min, max);
  }

  private static long parse(String value, String name, long min, long max) {
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(name + " must be an integer within " + min + ".." + max);
  }

  private static double threshold(RoutingContext rc) {
    String value = rc.request().getParam("threshold");
    if (value == null || value.isBlank()) {
      return 0.0;
    }
    try {
      double parsed = Double.parseDouble(value.strip());
      if (parsed >= -1 && parsed <= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest("threshold must be a number within -1..1 (cosine similarity)");
  }
}
