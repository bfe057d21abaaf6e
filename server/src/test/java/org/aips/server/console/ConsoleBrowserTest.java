package org.aips.server.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import org.aips.server.AipsServer;
import org.aips.server.support.ApiClient;
import org.aips.server.support.Paintings;
import org.aips.server.support.Photos;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
  private static final List<String> PAGES = List.of("sign-in", "submit", "task-done", "queue", "faces", "api-docs");
  private static AipsServer node;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    JsonObject overrides = new JsonObject()
        .put("roles", TestNode.roles("http", "scheduler", "executor", "inference"))
        .put("inference", new JsonObject().put("workers", 1));
    // the bundled plugins' task types only, as ./aips run has them (no test types in the pages)
    node = AipsServer.start(TestNode.config(TestNode.newDataDir("browser"), overrides), List.of()).await();
    api = new ApiClient(node.vertx(), node.httpPort());
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close().await();
  }

  @Test
  void aNewcomerSignsInSubmitsAStyleTaskWatchesItFinishSeesTheResultCancelsAnotherAndSeesTheQueueAndTheDocs() throws Exception {
    String chromium = System.getProperty("aips.test.browser", "");
    assertThat(chromium).as("the browser test needs -Daips.browser=<chromium executable>").isNotBlank();
    assertThat(Path.of(chromium)).as("chromium").isExecutable();
    Path files = TestNode.newDataDir("browser-files");
    Path content = Files.write(files.resolve("content.jpg"), Photos.faceApiSample(2));
    Path style = Files.write(files.resolve("style.png"), Paintings.swirls(400, 300));
    Path screenshots = Path.of(System.getProperty("aips.test.screenshots", "target/console-screenshots")).toAbsolutePath();
    ingestTwoPhotosAndOneBadRow();

    List<String> output = new CopyOnWriteArrayList<>();
    ProcessBuilder script = new ProcessBuilder("node", SCRIPT.toString()).redirectErrorStream(true);
    script.environment().put("AIPS_URL", "http://127.0.0.1:" + node.httpPort());
    script.environment().put("AIPS_TOKEN", TOKEN);
    script.environment().put("CONTENT_IMAGE", content.toString());
    script.environment().put("STYLE_IMAGE", style.toString());
    script.environment().put("SCREENSHOTS", screenshots.toString());
    script.environment().put("CHROMIUM", chromium);
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

    assertThat(seen.getJsonArray("faceRows").getList()).as("the face ingestion task's rows").contains("3 / 3");
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

  /** A face-ingest task of two photos and a refused row, finished, so that the face groups page has something to show. */
  private static void ingestTwoPhotosAndOneBadRow() {
    String csv = "uri,tag,description\n" + dataUri(Photos.faceApiSample(1)) + ",first,group photo\n"
        + dataUri(Photos.faceApiSample(3)) + ",second,group photo\nftp://127.0.0.1/refused.jpg,third,not fetched\n";
    WebClient web = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
    try {
      MultipartForm form = MultipartForm.create().attribute("group_name", "team")
          .binaryFileUpload("file", "faces.csv", Buffer.buffer(csv), "text/csv");
      HttpResponse<Buffer> created = web.post("/v1/tasks/create").putHeader("x-token", TOKEN).sendMultipartForm(form).await();
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
      String id = created.bodyAsJsonObject().getString("id");
      assertThat(web.get("/v1/tasks/" + id + "/start").putHeader("x-token", TOKEN).send().await().statusCode()).isEqualTo(200);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      JsonObject detail;
      do {
        ApiClient.sleep(200);
        detail = web.get("/v1/tasks/" + id + "/detail").putHeader("x-token", TOKEN).send().await().bodyAsJsonObject();
      } while (detail.getInteger("state") != 4 && System.nanoTime() < deadline);
      assertThat(detail.getInteger("state")).as(detail.encode()).isEqualTo(4);
    } finally {
      web.close();
    }
  }

  private static String dataUri(byte[] jpeg) {
    return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
  }
}
