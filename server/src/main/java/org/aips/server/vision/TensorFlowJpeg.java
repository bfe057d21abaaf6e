package org.aips.server.vision;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Decodes JPEGs with TensorFlow's {@code DecodeJpeg} kernel, libjpeg-turbo: 3–8 times faster than
 * ImageIO's decoder (IJG libjpeg 6b) on the test photos, and the same pixels (both run libjpeg's
 * accurate integer IDCT and fancy upsampling; equal byte for byte in {@code ImageDecoderTest}).
 * Damaged but complete data decodes with its damaged blocks, as in browsers. The kernel runs in
 * the calling thread. Blocking.
 *
 * <p>One session for the process, made at the first JPEG. Its intra-op setting (1) matches the
 * inference sessions' default: TensorFlow sizes one process-wide intra-op pool from the first
 * session made, which on an inference node is a model's (loaded at start, before any image).
 */
final class TensorFlowJpeg {

  private static final Logger LOG = LoggerFactory.getLogger(TensorFlowJpeg.class);

  private static final String INPUT = "jpeg";
  private static final String OUTPUT = "pixels";

  private TensorFlowJpeg() {
  }

  /** The pixels, RGB in stored orientation; null if TensorFlow is not available or refuses the file. */
  static RgbImage decode(byte[] jpeg) {
    Session session = Holder.SESSION;
    if (session == null) {
      return null;
    }
    try (TString input = TString.tensorOfBytes(NdArrays.scalarOfObject(jpeg));
         Result result = session.runner().feed(INPUT, input).fetch(OUTPUT).run()) {
      TUint8 pixels = (TUint8) result.get(0);
      long[] shape = pixels.shape().asArray();
      byte[] rgb = new byte[Math.toIntExact(pixels.size())];
      pixels.asRawTensor().data().read(rgb);
      return new RgbImage((int) shape[1], (int) shape[0], rgb);
    } catch (TensorFlowException | IllegalArgumentException refused) {
      // A file the kernel refuses (TFInvalidArgumentException is an IllegalArgumentException):
      // the caller decodes it with ImageIO, which says what is wrong.
      return null;
    }
  }

  /** The session, made on first use (class initialisation is thread-safe and happens once). */
  private static final class Holder {

    static final Session SESSION = open();

    private static Session open() {
      try {
        Graph graph = new Graph();
        Ops tf = Ops.create(graph);
        tf.withName(OUTPUT).image.decodeJpeg(tf.withName(INPUT).placeholder(TString.class),
            DecodeJpeg.channels(3L), DecodeJpeg.dctMethod("INTEGER_ACCURATE"));
        ConfigProto config = ConfigProto.newBuilder()
            .setInterOpParallelismThreads(-1) // negative: every op runs in the caller's thread
            .setIntraOpParallelismThreads(1)
            .putDeviceCount("GPU", 0)
            .build();
        return new Session(graph, config);
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("TensorFlow's JPEG decoder is not available; JPEGs are decoded with ImageIO (slower)", e);
        return null;
      }
    }
  }
}
