package org.aips.server.vision;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the EXIF Orientation tag (0x0112) of a JPEG: walks the markers to APP1 "Exif", then IFD0.
 * Returns 1 (as stored) when there is none or the EXIF block is damaged: orientation is a hint,
 * never a reason to reject an image.
 */
final class ExifOrientation {

  private ExifOrientation() {
  }

  static int of(byte[] jpeg) {
    try {
      int pos = 2;
      while (pos + 4 < jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
        int marker = jpeg[pos + 1] & 0xff;
        int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
        if (marker == 0xda || marker == 0xd9) {
          return 1;
        }
        if (marker == 0xe1 && length > 8 && new String(jpeg, pos + 4, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
          return fromTiff(ByteBuffer.wrap(jpeg, pos + 10, length - 8).slice());
        }
        pos += 2 + length;
      }
    } catch (RuntimeException damaged) {
      return 1;
    }
    return 1;
  }

  private static int fromTiff(ByteBuffer tiff) {
    tiff.order(tiff.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    int ifd = tiff.getInt(4);
    int entries = Short.toUnsignedInt(tiff.getShort(ifd));
    for (int i = 0; i < entries; i++) {
      int entry = ifd + 2 + i * 12;
      if (Short.toUnsignedInt(tiff.getShort(entry)) == 0x0112) {
        int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }
}
