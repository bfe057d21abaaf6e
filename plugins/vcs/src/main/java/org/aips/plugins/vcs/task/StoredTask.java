package org.aips.plugins.vcs.task;

import java.util.List;

/** A compute task as stored: its definition, phase, and per device the AIPS task analysing it (null until started). */
public record StoredTask(String taskId, TaskSpec spec, Phase phase, List<Device> devices) {

  /** A device, with its video's probed length and frame rate. */
  public record Device(DeviceSpec spec, String aipsTaskId, long videoDurationMs, double videoFrameRate) {
  }

  /** What the client last asked for; the devices' AIPS tasks say how far the work has got. */
  public enum Phase { CREATED, SCHEDULED, RUNNING, STOPPED }
}
