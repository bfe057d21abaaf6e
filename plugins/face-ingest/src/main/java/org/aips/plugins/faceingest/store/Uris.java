package org.aips.plugins.faceingest.store;

/**
 * URIs as the log and the face store keep them. A {@code data:} URI is the image itself, often
 * megabytes: only its start and its length are kept. Other URIs are kept whole up to 2,048 characters.
 */
public final class Uris {

  private static final int DATA_PREFIX = 48;
  private static final int MAX = 2048;

  private Uris() {
  }

  public static String forStorage(String uri) {
    if (uri.regionMatches(true, 0, "data:", 0, 5) && uri.length() > DATA_PREFIX) {
      return uri.substring(0, DATA_PREFIX) + "…(" + uri.length() + " characters)";
    }
    return uri.length() > MAX ? uri.substring(0, MAX) + "…" : uri;
  }
}
