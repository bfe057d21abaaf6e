package org.aips.plugins.faceingest.fetch;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.faceingest.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Downloads from a loopback server the test runs (loopback allowed), and the refusals. */
class ImageFetcherTest {

  private static final byte[] IMAGE = new byte[5000];
  private static Vertx vertx;
  private static HttpServer server;
  private static ImageFetcher fetcher;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(request -> {
      String path = request.path();
      if (path.equals("/image.jpg")) {
        request.response().end(Buffer.buffer(IMAGE));
      } else if (path.startsWith("/hop/")) {
        int left = Integer.parseInt(path.substring(5));
        request.response().setStatusCode(302).putHeader("location", left == 0 ? "/image.jpg" : "/hop/" + (left - 1)).end();
      } else if (path.equals("/big-declared")) {
        request.response().putHeader("content-length", "100000").write(Buffer.buffer(new byte[10]));
      } else if (path.equals("/big-chunked")) {
        request.response().setChunked(true);
        for (int i = 0; i < 20; i++) {
          request.response().write(Buffer.buffer(new byte[1000]));
        }
        request.response().end();
      } else if (path.equals("/silent")) {
        // never answers
      } else {
        request.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    fetcher = ImageFetcher.create(vertx, Settings.from(new JsonObject().put("allowPrivateAddresses", true)
        .put("maxImageBytes", 8000).put("maxRedirects", 3).put("fetchTimeoutMs", 1000)));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void anImageIsDownloadedThroughRedirectsUpToTheLimit() {
    assertThat(fetcher.fetch(url("/image.jpg")).await().length()).isEqualTo(IMAGE.length);
    assertThat(fetcher.fetch(url("/hop/2")).await().length()).as("3 redirects").isEqualTo(IMAGE.length);
    assertThatThrownBy(() -> fetcher.fetch(url("/hop/3")).await()).isInstanceOf(FetchException.class).hasMessageContaining("more than 3 redirects");
  }

  @Test
  void errorsSayWhy() {
    assertThatThrownBy(() -> fetcher.fetch(url("/missing")).await()).hasMessageContaining("HTTP 404");
    assertThatThrownBy(() -> fetcher.fetch(url("/big-declared")).await()).hasMessageContaining("larger than 8000 bytes");
    assertThatThrownBy(() -> fetcher.fetch(url("/big-chunked")).await()).hasMessageContaining("larger than 8000 bytes");
    long started = System.nanoTime();
    assertThatThrownBy(() -> fetcher.fetch(url("/silent")).await()).isInstanceOf(FetchException.class);
    assertThat((System.nanoTime() - started) / 1_000_000).as("gives up after fetchTimeoutMs").isBetween(900L, 5000L);
    assertThatThrownBy(() -> fetcher.fetch("ftp://127.0.0.1/x.jpg").await()).hasMessageContaining("unsupported URI scheme");
    assertThatThrownBy(() -> fetcher.fetch("http://no-such-host.invalid/x.jpg").await()).hasMessageContaining("unknown host");
  }

  @Test
  void dataUrisAreDecoded() {
    String uri = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(IMAGE);
    assertThat(fetcher.fetch(uri).await().length()).isEqualTo(IMAGE.length);
    assertThatThrownBy(() -> fetcher.fetch("data:image/jpeg;base64,@@@").await()).hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> fetcher.fetch("data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(new byte[9000])).await())
        .hasMessageContaining("more than 8000 bytes");
  }

  @Test
  void loopbackIsRefusedUnlessAllowed() {
    ImageFetcher strict = ImageFetcher.create(vertx, Settings.from(new JsonObject()));
    assertThatThrownBy(() -> strict.fetch(url("/image.jpg")).await()).isInstanceOf(FetchException.class)
        .hasMessageContaining("refused: 127.0.0.1");
    assertThatThrownBy(() -> strict.fetch("http://localhost:" + server.actualPort() + "/image.jpg").await()).hasMessageContaining("refused");
  }

  @Test
  void privateLinkLocalAndSpecialAddressesAreInternal() throws Exception {
    for (String internal : new String[] {"10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "224.0.0.1"}) {
      assertThat(AddressPolicy.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
    }
    for (String external : new String[] {"8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"}) {
      assertThat(AddressPolicy.isInternal(InetAddress.getByName(external))).as(external).isFalse();
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }
}
