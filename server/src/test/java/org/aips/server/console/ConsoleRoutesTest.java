package org.aips.server.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.aips.server.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's and the API docs' static files, as a browser fetches them. */
class ConsoleRoutesTest {

  private static WebClient web;

  @BeforeAll
  static void start() {
    SharedNode.api();
    web = WebClient.create(SharedNode.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(SharedNode.httpPort()).setFollowRedirects(false));
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  private static HttpResponse<Buffer> get(String path) {
    return web.get(path).send().await();
  }

  @Test
  void theRootAndTheBarePathsLeadToTheConsoleAndTheDocs() {
    assertThat(get("/").statusCode()).isEqualTo(302);
    assertThat(get("/").getHeader("location")).isEqualTo("/console/");
    assertThat(get("/console").getHeader("location")).isEqualTo("/console/");
    assertThat(get("/docs").getHeader("location")).isEqualTo("/docs/");
  }

  @Test
  void theConsolePageLoadsItsModulesUnderAPolicyThatAllowsNoInlineOrForeignScript() {
    HttpResponse<Buffer> page = get("/console/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("content-type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("<script type=\"module\" src=\"js/main.js\"></script>");
    String policy = page.getHeader("content-security-policy");
    assertThat(policy).contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
    assertThat(page.getHeader("x-content-type-options")).isEqualTo("nosniff");

    HttpResponse<Buffer> module = get("/console/js/main.js");
    assertThat(module.statusCode()).isEqualTo(200);
    assertThat(module.getHeader("content-type")).contains("javascript");
    assertThat(module.bodyAsString()).contains("const VIEWS");
  }

  @Test
  void consoleFilesAreCachedBrieflyAndRevalidated() {
    HttpResponse<Buffer> first = get("/console/console.css");
    assertThat(first.getHeader("cache-control")).contains("max-age=60");
    String lastModified = first.getHeader("last-modified");
    assertThat(lastModified).isNotBlank();
    HttpResponse<Buffer> again = web.get("/console/console.css").putHeader("if-modified-since", lastModified).send().await();
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void aMissingConsoleFileIsAnEnvelopedNotFound() {
    HttpResponse<Buffer> missing = get("/console/js/nothing-here.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("NOT_FOUND");
  }

  @Test
  void theApiDocsAreSwaggerUiFromItsWebJarOverTheListedContracts() {
    HttpResponse<Buffer> page = get("/docs/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("swagger-ui/swagger-ui-bundle.js").contains("docs.js");
    HttpResponse<Buffer> bundle = get("/docs/swagger-ui/swagger-ui-bundle.js");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body().length()).as("Swagger UI's bundle").isGreaterThan(500_000);
    assertThat(get("/docs/swagger-ui/swagger-ui.css").statusCode()).isEqualTo(200);
    assertThat(get("/docs/docs.js").bodyAsString()).contains("/api/openapi").contains("x-token");
  }
}
