package org.aips.plugins.vcs.task;

/**
 * A task's face events are identified against the face group {@code group} (the face-ingest
 * service's): the group's most similar face, if its cosine similarity is at least {@code threshold}.
 */
public record FaceIdentification(String group, double threshold) {

  /** On face-api's test photos the same person in two photos scores about 0.6, different people 0.3–0.55. */
  public static final double DEFAULT_THRESHOLD = 0.6;
}
