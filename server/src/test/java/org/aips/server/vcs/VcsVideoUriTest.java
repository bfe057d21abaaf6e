package org.aips.server.vcs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.aips.server.AipsServer;
import org.aips.server.support.SharedNode;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Videos registered by URI: fetched from a server on loopback by a node that allows private
 * addresses (plugins.config.vcs.allowPrivateAddresses), and refused, without a request, by a node
 * with the default rules. Every URI here names loopback.
 */
class VcsVideoUriTest {

  private static final String TOKEN = Tokens.valid("sps-uri");
  private static Vertx vertx;
  private static HttpServer files;
  private static final List<String> requested = new CopyOnWriteArrayList<>();
  private static AipsServer trusting;
  private static VcsClient api;
  private static Path clip;

  @BeforeAll
  static void start() throws Exception {
    Path dir = TestNode.newDataDir("vcs-uri");
    clip = VcsClips.panning(dir, 1, 2);
    Buffer video = Buffer.buffer(Files.readAllBytes(clip));
    vertx = Vertx.vertx();
    files = vertx.createHttpServer().requestHandler(request -> {
      requested.add(request.path());
      switch (request.path()) {
        case "/clip.avi" -> request.response().putHeader("content-type", "video/x-msvideo").end(video);
        case "/notes.txt" -> request.response().putHeader("content-type", "text/plain").end("not a video at all");
        case "/moved" -> request.response().setStatusCode(302).putHeader("location", "/clip.avi").end();
        default -> request.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    trusting = TestNode.start(TestNode.config(dir, new JsonObject().put("plugins", new JsonObject()
        .put("config", new JsonObject().put("vcs", new JsonObject().put("allowPrivateAddresses", true))))));
    api = new VcsClient(vertx, trusting.httpPort(), TOKEN);
  }

  @AfterAll
  static void stop() {
    api.close();
    trusting.close().await();
    vertx.close().await();
  }

  @Test
  void aVideoAtAUriIsFetchedProbedAndGivenAVideoIdLikeAnUpload() throws Exception {
    JsonObject answer = api.register(url("/clip.avi"));
    assertThat(answer.getString("Code")).as(answer.encode()).isEqualTo("0");
    JsonObject video = answer.getJsonObject("Data");
    assertThat(video.getString("videoId")).matches("[a-z0-9]{16}");
    assertThat(video.getLong("size")).isEqualTo(Files.size(clip));
    assertThat(video.getLong("durationMs")).isBetween(1_900L, 2_100L);
    assertThat(video.getString("codec")).isEqualTo("mpeg4");
    JsonObject found = api.video("getVideo", new JsonObject().put("videoId", video.getString("videoId")));
    assertThat(found.getJsonObject("Data").getLong("size")).as("getVideo: %s", found).isEqualTo(Files.size(clip));
  }

  @Test
  void whatIsNoVideoOrNotThereOrElsewhereIsRefusedClearly() {
    assertError(api.register(url("/notes.txt")), 400, "3002");
    assertError(api.register(url("/missing.avi")), 502, "3007");
    JsonObject moved = api.register(url("/moved"));
    assertError(moved, 502, "3007");
    assertThat(moved.getString("Message")).as("redirects are not followed").contains("302");
    assertError(api.register("ftp://127.0.0.1/clip.avi"), 400, "1001");
    assertError(api.register("http://user:secret@127.0.0.1:" + files.actualPort() + "/clip.avi"), 400, "1001");
  }

  @Test
  void aNodeWithTheDefaultRulesSendsNoRequestToLoopback() {
    requested.clear();
    try (VcsClient shared = new VcsClient(vertx, SharedNode.httpPort(), TOKEN)) {
      for (String uri : List.of(url("/clip.avi"), "http://localhost:" + files.actualPort() + "/clip.avi",
          "http://[::1]:" + files.actualPort() + "/clip.avi")) {
        JsonObject answer = shared.register(uri);
        assertError(answer, 400, "3006");
        assertThat(answer.getString("Message")).contains("non-public address");
      }
    }
    assertThat(requested).as("requests that reached the loopback server").isEmpty();
  }

  private static void assertError(JsonObject answer, int status, String code) {
    assertThat(answer.getInteger("status")).as(answer.encode()).isEqualTo(status);
    assertThat(answer.getString("Code")).as(answer.encode()).isEqualTo(code);
    assertThat(answer.getString("Message")).isNotBlank();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + files.actualPort() + path;
  }
}
