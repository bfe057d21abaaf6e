package org.aips.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Real WebP files from TwelveMonkeys' published test jar ({@code imageio-webp:tests}, a test
 * dependency pinned to the reader's version), among them images of Google's WebP gallery. Each
 * file's SHA-256 is pinned here too, so a changed fixture fails loudly instead of silently testing
 * something else.
 */
public final class WebpSamples {

  /** A lossy (VP8) photo, 1024x752: a fire-breather on a stage, drummers behind, spectators at the right. */
  public static final String FIRE_BREATHER = "5.webp";
  /** The same 400x301 gallery picture (an orange rose on a transparent background) as lossless VP8L, and as lossy VP8 with an alpha chunk. */
  public static final String ROSE_LOSSLESS = "1_webp_ll.webp";
  public static final String ROSE_LOSSY_ALPHA = "1_webp_a.webp";

  private static final Map<String, String> SHA256 = Map.of(
      FIRE_BREATHER, "eb4f6043f17a868cb6618a97fb5ba9a130c7f10b13b1db83fcf2df10ecbe1f23",
      ROSE_LOSSLESS, "cf2bebdf428f430a78095cf98a9aff1dfbcf856c6464852b351f7e5ab76d7200",
      ROSE_LOSSY_ALPHA, "e89d207eff1f1499acd6a5b8dc4a326ecdf3d303e4a7e6fc65c268035326a75f");

  private WebpSamples() {
  }

  public static byte[] read(String name) {
    try (InputStream in = WebpSamples.class.getResourceAsStream("/webp/" + name)) {
      if (in == null) {
        throw new IllegalStateException("/webp/" + name + " is not on the test class path (imageio-webp:tests)");
      }
      byte[] bytes = in.readAllBytes();
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      if (!actual.equals(SHA256.get(name))) {
        throw new IllegalStateException("/webp/" + name + " has SHA-256 " + actual + ", expected " + SHA256.get(name));
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
