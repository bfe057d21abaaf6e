package org.aips.server.vision;

import org.aips.server.support.Photos;
import org.aips.server.support.WebpSamples;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageDecoderTest {

  private final ImageDecoder decoder = new ImageDecoder(1_000_000);

  @Test
  void decodesJpegPngAndBmpIntoRgb() throws IOException {
    for (String format : new String[] {"png", "bmp", "jpg"}) {
      RgbImage image = decoder.decode(encode(halves(40, 20), format));
      assertThat(image.width()).as(format).isEqualTo(40);
      assertThat(image.height()).as(format).isEqualTo(20);
      assertThat(image.at(5, 10, 0)).as(format + " red on the left").isGreaterThan(200);
      assertThat(image.at(35, 10, 2)).as(format + " blue on the right").isGreaterThan(200);
    }
  }

  @Test
  void jpegPixelsComeFromLibjpegTurboAndEqualImageIosByteForByte() throws IOException {
    for (int n = 1; n <= 6; n++) {
      byte[] photo = Photos.faceApiSample(n);
      RgbImage fast = TensorFlowJpeg.decode(photo);
      assertThat(fast).as("face-api photo %d through TensorFlow", n).isNotNull();
      RgbImage imageIo = ImageDecoder.toRgb(ImageIO.read(new ByteArrayInputStream(photo)));
      assertThat(fast.width()).isEqualTo(imageIo.width());
      assertThat(fast.height()).isEqualTo(imageIo.height());
      assertThat(Arrays.equals(fast.rgb(), imageIo.rgb())).as("face-api photo %d: the same pixels", n).isTrue();
      assertThat(new ImageDecoder(10_000_000).decode(photo).rgb()).as("what the decoder answers").isEqualTo(fast.rgb());
    }
  }

  @Test
  void aJpegTheFastDecoderRefusesGetsImageIosError() throws IOException {
    byte[] jpeg = encode(noise(400, 300), "jpg");
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
    assertThat(TensorFlowJpeg.decode(cut)).isNull();
    assertThatThrownBy(() -> decoder.decode(cut)).isInstanceOfSatisfying(ImageRejected.class,
        e -> assertThat(e.getMessage()).contains("Missing EOI marker"));
  }

  @Test
  void decodesARealLossyWebpPhoto() {
    RgbImage image = new ImageDecoder(10_000_000).decode(WebpSamples.read(WebpSamples.FIRE_BREATHER));
    assertThat(image.width()).isEqualTo(1024);
    assertThat(image.height()).isEqualTo(752);
    // The flame left of centre is bright yellow-orange: red high, blue low.
    assertThat(image.at(250, 400, 0)).isGreaterThan(200);
    assertThat(image.at(250, 400, 2)).isLessThan(120);
  }

  @Test
  void losslessAndLossyWebpOfOnePictureDecodeAlike() {
    RgbImage lossless = decoder.decode(WebpSamples.read(WebpSamples.ROSE_LOSSLESS));
    RgbImage lossy = decoder.decode(WebpSamples.read(WebpSamples.ROSE_LOSSY_ALPHA));
    assertThat(lossless.width()).isEqualTo(400);
    assertThat(lossless.height()).isEqualTo(301);
    assertThat(lossy.width()).isEqualTo(lossless.width());
    assertThat(lossy.height()).isEqualTo(lossless.height());
    long difference = 0;
    for (int i = 0; i < lossless.rgb().length; i++) {
      difference += Math.abs((lossless.rgb()[i] & 0xff) - (lossy.rgb()[i] & 0xff));
    }
    double meanDifference = (double) difference / lossless.rgb().length;
    assertThat(meanDifference).as("mean absolute difference per channel, 0..255").isLessThan(6.0);
    // The rose is orange-yellow at its centre.
    assertThat(lossless.at(130, 170, 0)).isGreaterThan(150);
    assertThat(lossless.at(130, 170, 2)).isLessThan(100);
  }

  @Test
  void aTruncatedWebpIsRefusedClearly() {
    byte[] webp = WebpSamples.read(WebpSamples.FIRE_BREATHER);
    for (int length : new int[] {webp.length / 2, 64}) {
      assertThatThrownBy(() -> new ImageDecoder(10_000_000).decode(Arrays.copyOf(webp, length)))
          .as("the first %d of %d bytes", length, webp.length).isInstanceOfSatisfying(ImageRejected.class, e -> {
            assertThat(e.failure()).isEqualTo(VisionFailure.TRUNCATED_IMAGE);
            assertThat(e.getMessage()).contains("truncated");
          });
    }
  }

  @Test
  void exifOrientationSixIsRotatedClockwise() throws IOException {
    byte[] jpeg = withExifOrientation(encode(halves(40, 20), "jpg"), 6);
    RgbImage image = decoder.decode(jpeg);
    assertThat(image.width()).isEqualTo(20);
    assertThat(image.height()).isEqualTo(40);
    assertThat(image.at(10, 5, 0)).as("the stored left (red) is now on top").isGreaterThan(200);
    assertThat(image.at(10, 35, 2)).as("the stored right (blue) is now at the bottom").isGreaterThan(200);
  }

  @Test
  void jpegCutInsideItsScanIsRejectedAsTruncated() throws IOException {
    byte[] jpeg = encode(noise(400, 300), "jpg");
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
    assertRejected(cut, VisionFailure.TRUNCATED_IMAGE);
  }

  @Test
  void headersWithoutImageDataAreRejected() throws IOException {
    byte[] jpeg = encode(noise(400, 300), "jpg");
    assertRejected(Arrays.copyOf(jpeg, 300), VisionFailure.INVALID_IMAGE);
  }

  @Test
  void nonImagesAndEmptyBodiesAreRejected() {
    assertRejected("{\"shapes\": []}".getBytes(StandardCharsets.UTF_8), VisionFailure.INVALID_IMAGE);
    assertRejected(new byte[0], VisionFailure.INVALID_IMAGE);
  }

  @Test
  void pixelLimitIsCheckedBeforeDecoding() throws IOException {
    byte[] png = encode(halves(2000, 600), "png");
    assertThatThrownBy(() -> decoder.decode(png)).isInstanceOfSatisfying(ImageRejected.class, e -> {
      assertThat(e.failure()).isEqualTo(VisionFailure.IMAGE_TOO_LARGE);
      assertThat(e.getMessage()).contains("1200000 pixels", "limits.imagePixels");
    });
  }

  private void assertRejected(byte[] bytes, VisionFailure expected) {
    assertThatThrownBy(() -> decoder.decode(bytes)).isInstanceOfSatisfying(ImageRejected.class,
        e -> assertThat(e.failure()).as(e.getMessage()).isEqualTo(expected));
  }

  static BufferedImage halves(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    return image;
  }

  private static BufferedImage noise(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(0xffffff));
      }
    }
    return image;
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, out);
    return out.toByteArray();
  }

  /** Inserts an APP1 Exif segment (big-endian TIFF, IFD0 with only the Orientation tag) after SOI. */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
    int length = 2 + 6 + tiff.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xff);
    out.write(0xe1);
    out.write(length >> 8);
    out.write(length & 0xff);
    out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(tiff);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }
}
