package org.aips.plugins.faceingest.ingest;

/** The codes of the task log: seed 002's, plus 207 (blur), 208 (duplicate image) and 209 (near-duplicate face) which the seed leaves open. */
public enum ErrorCode {
  DOWNLOAD(101, "the image URI cannot be downloaded"),
  UNREADABLE(102, "the image cannot be opened"),
  NO_FACE(201, "the image contains no face"),
  PITCH(202, "the face's pitch is over the limit"),
  YAW(203, "the face's yaw is over the limit"),
  ROLL(204, "the face's roll is over the limit"),
  NARROW(205, "the face is narrower than the limit"),
  SHORT(206, "the face is shorter than the limit"),
  BLURRED(207, "the face is blurrier than the limit"),
  DUPLICATE(208, "the same image is already in the group"),
  NEAR_DUPLICATE(209, "a face this similar is already in the group"),
  FACE_SERVICE(301, "the face information service does not answer"),
  FACE_STORE(302, "the face store does not answer"),
  SYSTEM(303, "system error");

  private final int code;
  private final String meaning;

  ErrorCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
