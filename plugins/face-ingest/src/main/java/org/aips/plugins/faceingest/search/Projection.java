package org.aips.plugins.faceingest.search;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The subspace the HNSW graph is built in: an orthonormal basis of the {@code dims} directions that
 * hold most of the descriptors' energy (principal components of the uncentred second-moment matrix
 * of a sample, found by subspace iteration). Dot products of projected descriptors approximate the
 * full ones; the graph is built on the projection (8x fewer multiply-adds at 128 of 1024 dimensions)
 * and its candidates are re-ranked with the full descriptors, so the answer's similarities are exact.
 * Projected vectors are normalised (the graph ranks by cosine in the subspace).
 */
final class Projection {

  private static final int DIM = 1024;
  private static final int ITERATIONS = 12;

  private final int dims;
  /** dims rows of DIM values, orthonormal. */
  private final float[] basis;

  private Projection(int dims, float[] basis) {
    this.dims = dims;
    this.basis = basis;
  }

  int dims() {
    return dims;
  }

  /** The leading {@code dims}-dimensional subspace of the sample's second-moment matrix. */
  static Projection fit(List<float[]> sample, int dims, long seed) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no descriptors to fit a projection on");
    }
    // M = sum x x^T (symmetric): the upper triangle, then mirrored
    float[] m = new float[DIM * DIM];
    for (float[] x : sample) {
      for (int i = 0; i < DIM; i++) {
        float xi = x[i];
        if (xi == 0f) {
          continue;
        }
        int row = i * DIM;
        for (int j = i; j < DIM; j++) {
          m[row + j] += xi * x[j];
        }
      }
    }
    for (int i = 0; i < DIM; i++) {
      for (int j = 0; j < i; j++) {
        m[i * DIM + j] = m[j * DIM + i];
      }
    }
    Random random = new Random(seed);
    float[] q = new float[dims * DIM];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) random.nextGaussian();
    }
    orthonormalise(q, dims);
    float[] z = new float[dims * DIM];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      for (int r = 0; r < dims; r++) {
        int qr = r * DIM;
        for (int j = 0; j < DIM; j++) {
          z[qr + j] = dot(m, j * DIM, q, qr);
        }
      }
      float[] swap = q;
      q = z;
      z = swap;
      orthonormalise(q, dims);
    }
    return new Projection(dims, q);
  }

  /** The projected, normalised vector. */
  float[] project(float[] v) {
    float[] p = new float[dims];
    double norm = 0;
    for (int r = 0; r < dims; r++) {
      float s = dot(basis, r * DIM, v, 0);
      p[r] = s;
      norm += (double) s * s;
    }
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int r = 0; r < dims; r++) {
        p[r] *= scale;
      }
    } else {
      p[0] = 1f; // a descriptor orthogonal to the subspace: any unit vector (only re-ranking can find it)
    }
    return p;
  }

  void write(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(4 + basis.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(dims);
    for (float v : basis) {
      bytes.putFloat(v);
    }
    Files.write(file, bytes.array());
  }

  static Projection read(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int dims = bytes.getInt();
    if (dims <= 0 || dims > DIM || bytes.remaining() != dims * DIM * 4) {
      throw new IOException(file + " is not a projection");
    }
    float[] basis = new float[dims * DIM];
    bytes.asFloatBuffer().get(basis);
    return new Projection(dims, basis);
  }

  /** Modified Gram-Schmidt on the rows; a row that vanishes is replaced by a random one. */
  private static void orthonormalise(float[] rows, int count) {
    Random fallback = new Random(count);
    for (int r = 0; r < count; r++) {
      int rr = r * DIM;
      for (int pass = 0; pass < 2; pass++) { // twice is enough in float (Kahan's rule)
        for (int s = 0; s < r; s++) {
          float c = dot(rows, rr, rows, s * DIM);
          int ss = s * DIM;
          for (int j = 0; j < DIM; j++) {
            rows[rr + j] -= c * rows[ss + j];
          }
        }
      }
      float norm = (float) Math.sqrt(dot(rows, rr, rows, rr));
      if (norm < 1e-6f) {
        for (int j = 0; j < DIM; j++) {
          rows[rr + j] = (float) fallback.nextGaussian();
        }
        r--; // orthonormalise the replacement
        continue;
      }
      for (int j = 0; j < DIM; j++) {
        rows[rr + j] /= norm;
      }
    }
  }

  static float dot(float[] a, int aFrom, float[] b, int bFrom) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    for (int i = 0; i < DIM; i += 4) {
      s0 += a[aFrom + i] * b[bFrom + i];
      s1 += a[aFrom + i + 1] * b[bFrom + i + 1];
      s2 += a[aFrom + i + 2] * b[bFrom + i + 2];
      s3 += a[aFrom + i + 3] * b[bFrom + i + 3];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
