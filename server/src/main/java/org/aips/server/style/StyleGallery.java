package org.aips.server.style;

import org.aips.server.vision.ImageDecoder;
import org.aips.server.vision.RgbImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Paints every content image in every style with both methods and writes the results as JPEGs,
 * printing time and measures: {@code StyleGallery <outDir> <quality> <content...> -- <style...>}.
 * docs/style/gallery.sh runs it over ../shared/testdata.
 */
public final class StyleGallery {

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int quality = Integer.parseInt(args[1]);
    List<String> rest = List.of(args).subList(2, args.length);
    int split = rest.indexOf("--");
    List<Path> contents = rest.subList(0, split).stream().map(Path::of).toList();
    List<Path> styles = rest.subList(split + 1, rest.size()).stream().map(Path::of).toList();
    Files.createDirectories(out);
    ImageDecoder decoder = new ImageDecoder(50_000_000L);
    StyleWeights w = StyleWeights.DEFAULTS;
    StyleTransfer transfer = new StyleTransfer(System.getProperty("style.features", "random").equals("random") ? FeatureSource.random(w.seed()) : FeatureSource.centerNet(Path.of("model-pack")), new StyleWeights(Float.parseFloat(System.getProperty("style.style", "" + w.style())),
        Float.parseFloat(System.getProperty("style.content", "" + w.content())),
        Float.parseFloat(System.getProperty("style.smoothness", "" + w.smoothness())), w.seed()), 1024, 0);
    try (StyleMeasures measures = new StyleMeasures()) {
      System.out.println("content | style | method | seconds | style distance (result / content) | edge similarity");
      for (Path contentPath : contents) {
        RgbImage content = decoder.decode(Files.readAllBytes(contentPath));
        for (Path stylePath : styles) {
          RgbImage style = decoder.decode(Files.readAllBytes(stylePath));
          for (StyleMethod method : StyleMethod.values()) {
            long started = System.nanoTime();
            RgbImage result = transfer.paint(content, style, method, quality, p -> { }, () -> false);
            double seconds = (System.nanoTime() - started) / 1e9;
            String name = stem(contentPath) + "-" + stem(stylePath) + "-" + method.name().toLowerCase(Locale.ROOT) + ".jpg";
            ImageIO.write(toBuffered(result), "jpg", out.resolve(name).toFile());
            System.out.printf(Locale.ROOT, "%s | %s | %s | %.1f | %.3f / %.3f | %.2f%n", stem(contentPath), stem(stylePath), method,
                seconds, measures.styleDistance(result, style), measures.styleDistance(content, style),
                measures.edgeSimilarity(result, content));
          }
        }
      }
    }
  }

  private static String stem(Path path) {
    String name = path.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  static BufferedImage toBuffered(RgbImage image) {
    BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    byte[] rgb = image.rgb();
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int i = (y * image.width() + x) * 3;
        buffered.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | rgb[i + 2] & 0xff);
      }
    }
    return buffered;
  }
}
