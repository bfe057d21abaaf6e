package org.aips.plugins.faceingest.search;

import java.util.Random;

/**
 * Descriptors shaped like a face library's: identities (a few photos each) in a 48-dimensional
 * latent space, embedded in 1024 dimensions with a fixed random map, plus isotropic noise, unit
 * length. Photos of one identity score about 0.7, different people about 0 ± 0.15, so that the
 * nearest neighbours are a meaningful order and not noise among equidistant points.
 */
final class SyntheticFaces {

  static final int DIM = 1024;
  private static final int LATENT = 48;
  private final float[] embedding = new float[LATENT * DIM];
  private final int photosPerIdentity;

  SyntheticFaces(long seed, int photosPerIdentity) {
    this.photosPerIdentity = photosPerIdentity;
    Random random = new Random(seed);
    for (int i = 0; i < embedding.length; i++) {
      embedding[i] = (float) (random.nextGaussian() / Math.sqrt(LATENT));
    }
  }

  /** Photo {@code i} of the library (identity i / photosPerIdentity). */
  float[] face(long i) {
    return photo(i / photosPerIdentity, i * 31 + 7);
  }

  /** Another photo of the identity of face {@code i}, not in the library. */
  float[] query(long i) {
    return photo(i / photosPerIdentity, -i - 1);
  }

  private float[] photo(long identity, long noiseSeed) {
    Random center = new Random(identity * 0x9E3779B97F4A7C15L);
    Random noise = new Random(noiseSeed ^ 0x5DEECE66DL);
    float[] z = new float[LATENT];
    for (int l = 0; l < LATENT; l++) {
      z[l] = (float) (center.nextGaussian() + 0.6 * noise.nextGaussian());
    }
    float[] v = new float[DIM];
    for (int l = 0; l < LATENT; l++) {
      float zl = z[l];
      int row = l * DIM;
      for (int d = 0; d < DIM; d++) {
        v[d] += zl * embedding[row + d];
      }
    }
    for (int d = 0; d < DIM; d++) {
      v[d] += (float) (0.012 * noise.nextGaussian());
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < DIM; d++) {
      v[d] *= scale;
    }
    return v;
  }
}
