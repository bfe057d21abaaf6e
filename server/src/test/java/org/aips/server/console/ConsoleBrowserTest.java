package org.aips.server.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import org.aips.rayvision.simulator.RenderbusSimulator;
import org.aips.rayvision.simulator.SimulatorOptions;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Paintings;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.aips.server.vcs.VcsClient;
import org.aips.server.vcs.VcsClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The web console in a real browser (headless Chromium driven by playwright-core, the script
 * src/test/browser/console-e2e.mjs) against a node with every role: what a newcomer does after
 * {@code ./aips run}. Tagged {@code browser}: it runs when the build is given
 * {@code -Daips.browser=<chromium>} (./aips test does when chromium is installed; .ci/run always),
 * and then fails, rather than skips, when the browser or node is missing. Screenshots go to
 * {@code -Daips.test.screenshots} (target/console-screenshots; the ones in docs/console come from here).
 */
@Tag("browser")
class ConsoleBrowserTest {

  private static final Path SCRIPT = Path.of("src/test/browser/console-e2e.mjs");
  private static final String TOKEN = Tokens.valid("newcomer");
  private static final List<String> PAGES = List.of("sign-in", "submit", "task-done", "queue", "faces", "vcs", "render", "api-docs");
  private static final String FARM_ID = "console-test";
  private static final String FARM_KEY = "console-test-secret-key";
  /** How long the loopback image server takes per photo: longer than the faces page's 2 s refresh allows to skip a row. */
  private static final long PHOTO_DELAY_MS = 700;
  private static Vertx vertx;
  private static RenderbusSimulator farm;
  private static HttpServer photos;
  private static AipsServer node;
  private static AipsServer bare;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    // a fake Renderbus on loopback: 12 frames of 400 ms one after another, so the Render page sees them move
    farm = RenderbusSimulator.start(vertx, SimulatorOptions.defaults(FARM_ID, FARM_KEY).withTiming(200, 400, 1)).await();
    JsonObject account = new JsonObject().put("domain", "127.0.0.1:" + farm.port()).put("platform", "2")
        .put("accessId", FARM_ID).put("accessKey", FARM_KEY).put("tls", false);
    JsonObject rayvision = new JsonObject().put("accounts", new JsonObject().put("sim", account))
        .put("poll", new JsonObject().put("minIntervalMillis", 200).put("maxIntervalMillis", 500));
    // face-api's photos served slowly on loopback, so that an ingestion's handled rows move while the page watches
    photos = vertx.createHttpServer().requestHandler(request -> vertx.setTimer(PHOTO_DELAY_MS, t -> request.response()
        .putHeader("content-type", "image/jpeg").end(Buffer.buffer(Photos.faceApiSample(Integer.parseInt(request.path().replaceAll("\\D", "")))))))
        .listen(0, "127.0.0.1").await();
    JsonObject faceingest = new JsonObject().put("allowPrivateAddresses", true);
    JsonObject overrides = new JsonObject()
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", 1))
        .put("plugins", new JsonObject().put("config", new JsonObject().put("rayvision", rayvision).put("faceingest", faceingest)));
    // the bundled plugins' task types only, as ./aips run has them (no test types in the pages)
    node = AipsServer.start(TestNode.config(TestNode.newDataDir("browser"), overrides), List.of()).await();
    api = new ApiClient(vertx, node.httpPort());
    // and a node with no plugin at all (an empty plugins folder), whose console must hide their sections
    JsonObject noPlugins = new JsonObject().put("plugins", new JsonObject().put("dir", TestNode.newDataDir("browser-no-plugins").toString()));
    bare = AipsServer.start(TestNode.config(TestNode.newDataDir("browser-bare"), noPlugins), List.of()).await();
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
    bare.close().await();
    farm.close().await();
    photos.close().await();
    vertx.close().await();
  }

  @Test
  void aNewcomerUsesEverySectionOfTheConsoleAndThePagesShowWhatTheApiSays() throws Exception {
    String chromium = System.getProperty("aips.test.browser", "");
    assertThat(chromium).as("the browser test needs -Daips.browser=<chromium executable>").isNotBlank();
    assertThat(Path.of(chromium)).as("chromium").isExecutable();
    Path files = TestNode.newDataDir("browser-files");
    Path content = Files.write(files.resolve("content.jpg"), Photos.faceApiSample(2));
    Path style = Files.write(files.resolve("style.png"), Paintings.swirls(400, 300));
    byte[] searched = Photos.faceApiSample(3); // the photo of the face tagged "second"
    Path searchImage = Files.write(files.resolve("visitor.jpg"), searched);
    Path screenshots = Path.of(System.getProperty("aips.test.screenshots", "target/console-screenshots")).toAbsolutePath();
    long started = System.nanoTime();

    // a video analysis running while the faces are ingested: a 4 s pan over a group photo
    VcsClient vcs = new VcsClient(vertx, node.httpPort(), TOKEN);
    JsonObject video = vcs.uploaded(VcsClips.panning(files, 1, 4));
    String vcsTask = vcs.create(VcsClient.task("people", 0, video, List.of("face", "body")));
    vcs.ok("startComputeTask", new JsonObject().put("taskId", vcsTask));
    ingestTwoPhotosAndOneBadRow();
    String pendingIngest = createIngestTask(2, 4, 5, 6); // started from the page
    JsonObject analysed = vcs.await(vcsTask, t -> List.of("FINISHED", "FAILED").contains(t.getString("taskStatus")), Duration.ofMinutes(3));
    assertThat(analysed.getString("taskStatus")).as("%s", analysed).isEqualTo("FINISHED");

    List<String> output = new CopyOnWriteArrayList<>();
    ProcessBuilder script = new ProcessBuilder("node", SCRIPT.toString()).redirectErrorStream(true);
    script.environment().put("AIPS_URL", "http://127.0.0.1:" + node.httpPort());
    script.environment().put("BARE_URL", "http://127.0.0.1:" + bare.httpPort());
    script.environment().put("AIPS_TOKEN", TOKEN);
    script.environment().put("CONTENT_IMAGE", content.toString());
    script.environment().put("STYLE_IMAGE", style.toString());
    script.environment().put("SEARCH_IMAGE", searchImage.toString());
    script.environment().put("FACE_TASK", pendingIngest);
    script.environment().put("VCS_TASK", vcsTask);
    script.environment().put("RENDER_PARAMS", renderParams("1-12").encode());
    script.environment().put("SCREENSHOTS", screenshots.toString());
    script.environment().put("CHROMIUM", chromium);
    long scriptStarted = System.nanoTime();
    Process process = script.start();
    Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
        .lines().forEach(line -> {
          System.out.println("[browser] " + line);
          output.add(line);
        }));
    reader.start();
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the browser script ran over 6 minutes: " + output);
    }
    reader.join(5000);
    System.out.printf("ConsoleBrowserTest: data prepared in %.1f s, the browser script ran %.1f s%n",
        (scriptStarted - started) / 1e9, (System.nanoTime() - scriptStarted) / 1e9);
    assertThat(process.exitValue()).as("the browser script failed:\n%s", String.join("\n", output)).isZero();
    JsonObject seen = new JsonObject(output.stream().filter(l -> l.startsWith("RESULT ")).findFirst()
        .orElseThrow(() -> new AssertionError("no RESULT line: " + output)).substring(7));

    // What the page showed is what the API says happened.
    JsonObject task = api.query(TOKEN, seen.getString("queryCode"));
    assertThat(task.getString("status")).isEqualTo("done");
    assertThat(task.getString("taskType")).isEqualTo("FastStyle");
    assertThat(task.getInteger("quality")).isEqualTo(25);
    assertThat(task.getInteger("vip")).isEqualTo(2);
    assertThat(task.getInteger("demandVisitTimes")).isEqualTo(3);
    assertThat(task.getInteger("visitTimes")).as("the page fetched the result once").isEqualTo(1);
    assertThat(task.getLong("retention") - task.getLong("doneAt")).isEqualTo(3_600_000L);
    assertThat(seen.getJsonArray("statuses").getList()).as("statuses the page showed, live").endsWith("done").contains("running");
    assertThat(seen.getJsonArray("events").getList()).as("events the stream delivered").containsSubsequence("submitted", "claimed", "completed");
    assertThat(seen.getJsonArray("resultSize").getList()).containsExactly(384, Math.round(384 * 1367 / 1920f));

    JsonObject cancelled = api.query(TOKEN, seen.getString("cancelledCode"));
    assertThat(cancelled.getString("taskType")).isEqualTo("DeepPaint");
    assertThat(cancelled.getString("status")).as("the DeepPaint cancelled from its page").isEqualTo("cancelled");

    assertFaces(seen.getJsonObject("faces"), searched);
    assertVideoAnalysis(seen.getJsonObject("vcs"), vcs.results(vcsTask, new JsonObject().put("pageSize", 500)));
    vcs.close();
    assertRender(seen.getJsonObject("render"));

    assertThat(seen.getJsonArray("nav").getList()).as("sections of a node with every plugin")
        .containsExactly("Submit", "My tasks", "Queue", "Face groups", "Video analysis", "Render", "API docs");
    assertThat(seen.getJsonArray("bareNav").getList()).as("sections of a node without plugins")
        .containsExactly("Submit", "My tasks", "Queue", "API docs");
    assertThat(seen.getString("title")).contains("AIPS task API");
    assertThat(seen.getJsonArray("contracts").getList()).as("contracts offered in the API docs")
        .anyMatch(c -> c.toString().startsWith("faceingest")).anyMatch(c -> c.toString().startsWith("vcs"));
    for (String page : PAGES) {
      Path shot = screenshots.resolve(page + ".png");
      assertThat(shot).as("screenshot of " + page).exists();
      byte[] png = Files.readAllBytes(shot);
      assertThat(png).startsWith(0x89, 'P', 'N', 'G');
      assertThat(png.length).as(page + ".png size").isGreaterThan(10_000);
    }
  }

  /** The ingestion rows moved on the page as the task it started ran; its faces and search are the API's. */
  private static void assertFaces(JsonObject seen, byte[] searched) {
    assertThat(seen.getJsonArray("taskRows").getList()).as("the first ingestion task's rows").contains("3 / 3");
    assertThat(seen.getJsonArray("states").getList()).as("states of the task started from the page, live")
        .containsSubsequence("created", "running", "finished");
    assertThat(seen.getJsonArray("handled").getList()).as("its handled rows, live").startsWith("0 / 4").endsWith("4 / 4")
        .anyMatch(rows -> !List.of("0 / 4", "4 / 4").contains(rows));
    assertThat(seen.getString("groupListed")).contains("team").contains("6 faces");

    JsonArray faces = api.get("/v1/groups/team/faces", TOKEN).bodyAsJsonObject().getJsonArray("faces");
    assertThat(faces).hasSize(6);
    assertThat(seen.getJsonArray("faceIds").getList()).as("the group's faces on the page, in the API's order")
        .containsExactlyElementsOf(faces.stream().map(f -> String.valueOf(((JsonObject) f).getLong("face_id"))).toList());

    JsonObject answer = api.postRaw("/v1/groups/team/search", TOKEN, "image/jpeg", Buffer.buffer(searched)).bodyAsJsonObject();
    JsonObject largest = answer.getJsonArray("faces").stream().map(JsonObject.class::cast)
        .max(Comparator.comparingDouble(f -> f.getJsonObject("box").getDouble("width") * f.getJsonObject("box").getDouble("height")))
        .orElseThrow();
    JsonObject best = largest.getJsonArray("matches").getJsonObject(0);
    assertThat(best.getString("tag")).isEqualTo("second");
    assertThat(seen.getInteger("queryFaces")).as("faces found in the dropped photo").isEqualTo(answer.getJsonArray("faces").size());
    assertThat(seen.getString("firstMatch")).as("the dropped photo's largest face's best match")
        .isEqualTo(String.valueOf(best.getLong("face_id")));
    assertThat(Double.parseDouble(seen.getString("firstSimilarity").replace("similarity ", "")))
        .isCloseTo(best.getDouble("similarity"), within(0.0006)).isGreaterThan(0.99);
  }

  private static void assertVideoAnalysis(JsonObject seen, JsonObject results) {
    int total = results.getInteger("total");
    assertThat(total).as("events found in the clip").isPositive();
    assertThat(results.getJsonArray("results").stream().map(e -> ((JsonObject) e).getString("model"))).contains("face");
    assertThat(seen.getString("status")).isEqualTo("FINISHED");
    assertThat(seen.getString("progress")).isEqualTo("100 %");
    assertThat(seen.getInteger("total")).as("the events count shown").isEqualTo(total);
    assertThat(seen.getInteger("rects")).as("event rects on the timeline").isEqualTo(total);
    assertThat(seen.getInteger("boxes")).as("boxes drawn in the frames").isEqualTo(Math.min(total, 60));
    assertThat(seen.getInteger("thumbnails")).as("thumbnails loaded").isEqualTo(Math.min(total, 60));
  }

  private static void assertRender(JsonObject seen) {
    JsonObject render = api.query(TOKEN, seen.getString("queryCode"));
    assertThat(render.getString("taskType")).isEqualTo("Render");
    assertThat(render.getString("status")).isEqualTo("done");
    assertThat(farm.taskIds()).as("one task on the farm").hasSize(1);
    List<Object> frames = seen.getJsonArray("frames").getList();
    assertThat(frames).as("frame progress the Render page showed, live").endsWith("100 %")
        .anyMatch(p -> !List.of("0 %", "100 %").contains(p));
    assertThat(seen.getJsonArray("statuses").getList()).endsWith("done");
  }

  /** A Render task's params: a 3ds Max task.json of the shape its analysis writes (docs/rayvision.md). */
  private static JsonObject renderParams(String frames) {
    JsonObject taskJson = new JsonObject()
        .put("task_info", new JsonObject().put("input_cg_file", "D:/scenes/shot.max").put("cg_id", "2001"))
        .put("software_config", new JsonObject().put("cg_name", "3ds Max").put("cg_version", "2018").put("plugins", new JsonObject()))
        .put("scene_info_render", new JsonObject().put("common", new JsonObject().put("frames", "1")));
    return new JsonObject().put("taskJson", taskJson).put("frames", frames);
  }

  /** A face-ingest task of two photos and a refused row, finished, so that the face groups page has something to show. */
  private static void ingestTwoPhotosAndOneBadRow() {
    String csv = "uri,tag,description\n" + dataUri(Photos.faceApiSample(1)) + ",first,group photo\n"
        + dataUri(Photos.faceApiSample(3)) + ",second,group photo\nftp://127.0.0.1/refused.jpg,third,not fetched\n";
    String id = createIngestTask(csv);
    assertThat(api.get("/v1/tasks/" + id + "/start", TOKEN).statusCode()).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    JsonObject detail;
    do {
      ApiClient.sleep(200);
      detail = api.get("/v1/tasks/" + id + "/detail", TOKEN).bodyAsJsonObject();
    } while (detail.getInteger("state") != 4 && System.nanoTime() < deadline);
    assertThat(detail.getInteger("state")).as(detail.encode()).isEqualTo(4);
  }

  /** A face-ingest task of face-api's sample photos from the slow image server, one row at a time, not started. */
  private static String createIngestTask(int... samples) {
    StringBuilder csv = new StringBuilder("uri,tag,description\n");
    for (int n : samples) {
      csv.append("http://127.0.0.1:").append(photos.actualPort()).append("/sample").append(n).append(".jpg,sample").append(n)
          .append(",photo ").append(n).append('\n');
    }
    return createIngestTask(csv.toString());
  }

  private static String createIngestTask(String csv) {
    WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
    try {
      MultipartForm form = MultipartForm.create().attribute("group_name", "team").attribute("thread_num", "1")
          .binaryFileUpload("file", "faces.csv", Buffer.buffer(csv), "text/csv");
      HttpResponse<Buffer> created = web.post("/v1/tasks/create").putHeader("x-token", TOKEN).sendMultipartForm(form).await();
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
      return created.bodyAsJsonObject().getString("id");
    } finally {
      web.close();
    }
  }

  private static String dataUri(byte[] jpeg) {
    return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
  }
}
