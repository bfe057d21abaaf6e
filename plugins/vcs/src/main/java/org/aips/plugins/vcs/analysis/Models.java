package org.aips.plugins.vcs.analysis;

import java.util.List;
import java.util.Set;

/** The seed's algorithm models: what a task may ask to find. */
public final class Models {

  public static final String FACE = "face";
  public static final String BODY = "body";
  public static final String MOTOR = "motor";
  public static final String NO_MOTOR = "no_motor";
  /** In the seed's order. */
  public static final List<String> ALL = List.of(FACE, BODY, MOTOR, NO_MOTOR);
  /** Those the objects service answers as a detection's category. */
  static final Set<String> OBJECTS = Set.of(BODY, MOTOR, NO_MOTOR);

  private Models() {
  }
}
