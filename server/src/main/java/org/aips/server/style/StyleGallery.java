package org.aips.server.style;

import org.aips.server.vision.ImageDecoder;
import org.aips.server.vision.RgbImage;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Paints every content image in every style with both methods, writes the results and thumbnails
 * of the inputs as JPEGs and prints a Markdown table of times and measures:
 * {@code StyleGallery <outDir> <quality> <modelPackDir> <content...> -- <style...>}.
 * docs/style/gallery.sh runs it over ../shared/testdata.
 */
public final class StyleGallery {

  private static final int THUMBNAIL = 256;

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int quality = Integer.parseInt(args[1]);
    FeatureSource features = FeatureSource.centerNet(Path.of(args[2]));
    List<String> rest = List.of(args).subList(3, args.length);
    int split = rest.indexOf("--");
    List<Path> contents = rest.subList(0, split).stream().map(Path::of).toList();
    List<Path> styles = rest.subList(split + 1, rest.size()).stream().map(Path::of).toList();
    Files.createDirectories(out);
    ImageDecoder decoder = new ImageDecoder(50_000_000L);
    StyleTransfer transfer = new StyleTransfer(features, StyleWeights.DEFAULTS, 1024, 0);
    try (StyleMeasures measures = new StyleMeasures()) {
      System.out.println("| content | style | method | seconds | style distance: result (content) | edge similarity |");
      System.out.println("|---|---|---|---:|---:|---:|");
      for (Path contentPath : contents) {
        RgbImage content = decoder.decode(Files.readAllBytes(contentPath));
        thumbnail(content, out.resolve("input-" + stem(contentPath) + ".jpg"));
        for (Path stylePath : styles) {
          RgbImage style = decoder.decode(Files.readAllBytes(stylePath));
          thumbnail(style, out.resolve("input-" + stem(stylePath) + ".jpg"));
          for (StyleMethod method : StyleMethod.values()) {
            long started = System.nanoTime();
            RgbImage result = transfer.paint(content, style, method, quality, p -> { }, () -> false);
            double seconds = (System.nanoTime() - started) / 1e9;
            String name = stem(contentPath) + "-" + stem(stylePath) + "-" + method.name().toLowerCase(Locale.ROOT) + ".jpg";
            Files.write(out.resolve(name), JpegEncoder.encode(result, transfer.jpegQuality(method, quality)));
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %.3f (%.3f) | %.2f |%n", stem(contentPath), stem(stylePath), method,
                seconds, measures.styleDistance(result, style), measures.styleDistance(content, style),
                measures.edgeSimilarity(result, content));
          }
        }
      }
    }
  }

  private static void thumbnail(RgbImage image, Path file) throws IOException {
    double scale = Math.min(1.0, (double) THUMBNAIL / Math.max(image.width(), image.height()));
    int width = (int) Math.round(image.width() * scale);
    int height = (int) Math.round(image.height() * scale);
    BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    small.getGraphics().drawImage(JpegEncoder.toBuffered(image).getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
    Files.write(file, JpegEncoder.encode(small, 85));
  }

  private static String stem(Path path) {
    String name = path.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }
}
