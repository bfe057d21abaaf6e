package org.aips.plugins.rayvision.client;

/**
 * Which path table the client calls. {@code SEED} is the API document this plugin was specified
 * from (the default); {@code SDK} is what the current Python SDK ({@code rayvision_api/url.py})
 * calls. Where the two differ, only the farm can say which one it still serves.
 */
public enum PathSet {
  SEED,
  SDK
}
