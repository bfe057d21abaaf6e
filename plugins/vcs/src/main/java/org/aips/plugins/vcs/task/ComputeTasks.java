package org.aips.plugins.vcs.task;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.analysis.AnalysisSettings;
import org.aips.plugins.vcs.analysis.DeviceAnalysisTaskType;
import org.aips.spi.HostTasks;
import org.aips.spi.PluginHost;
import org.aips.spi.TaskInfo;
import org.aips.spi.TaskRequest;
import org.aips.spi.TaskState;
import org.aips.spi.TaskStateException;
import org.aips.spi.services.FaceGroupsClient;
import org.aips.spi.services.ServiceFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The seed's compute tasks: create, modify, start, stop and query, over the service's tables and
 * the host's task API (one AIPS task per device, stopped and started with the compute task).
 * Rules (docs/vcs.md): name and execType never change; before the first start everything else may;
 * once started, only description, execStartTime and clientName, and not while it runs. A start
 * before execStartTime waits for it.
 */
public final class ComputeTasks {

  /**
   * A device claimed for launch this long ago without its AIPS task recorded was left by a node that
   * died mid-launch (a launch takes milliseconds): another launch may submit it.
   */
  private static final int LAUNCH_TIMEOUT_SECONDS = 60;
  /** A stated video length may differ from the probed one by this much (the seed's is whole seconds). */
  private static final long LENGTH_TOLERANCE_MS = 1_500;

  private final PluginHost host;
  private final HostTasks tasks;
  private final TaskStore store;
  private final VideoStore videos;
  private final LongSupplier clock;
  private final FaceGroupsClient faceGroups;
  private final AnalysisSettings analysis;

  public ComputeTasks(PluginHost host, LongSupplier clock) {
    this.host = host;
    this.tasks = host.tasks();
    var pool = host.database().orElseThrow(() -> new IllegalStateException("the vcs plugin needs a database")).pool();
    this.store = new TaskStore(pool);
    this.videos = new VideoStore(pool);
    this.clock = clock;
    this.faceGroups = FaceGroupsClient.create(host.vertx().eventBus());
    this.analysis = AnalysisSettings.from(host.config());
  }

  public Future<String> create(TaskSpec spec) {
    String taskId = UUID.randomUUID().toString().replace("-", "");
    TaskSpec complete = withBeginTimes(spec, null);
    return checkVideos(complete).compose(ok -> checkFaceGroup(complete)).compose(ok -> store.insert(taskId, complete)).map(taskId);
  }

  public Future<String> modify(String taskId, TaskSpec spec) {
    return stored(taskId).compose(task -> {
      if (!task.spec().name().equals(spec.name())) {
        return Future.failedFuture(VcsError.IMMUTABLE_FIELD.exception("name cannot change (it is \"" + task.spec().name() + "\")"));
      }
      if (!task.spec().execType().equals(spec.execType())) {
        return Future.failedFuture(VcsError.IMMUTABLE_FIELD.exception("execType cannot change"));
      }
      TaskSpec complete = withBeginTimes(spec, task);
      if (task.phase() == StoredTask.Phase.CREATED) {
        return checkVideos(complete).compose(ok -> checkFaceGroup(complete)).compose(ok -> store.update(taskId, complete, true));
      }
      return status(task).compose(status -> {
        if (status == TaskStatus.WAITING || status == TaskStatus.ONLINED) {
          return Future.failedFuture(VcsError.TASK_STATE.exception("the task is " + status + ": stop it before modifying it"));
        }
        if (!sameWork(task.spec(), complete)) {
          return Future.failedFuture(VcsError.TASK_STATE.exception(
              "devices, models and faceGroup of a task that has started cannot change; create a new task for other videos or models"));
        }
        return store.update(taskId, complete, false);
      });
    }).map(taskId);
  }

  public Future<Void> start(String taskId) {
    return stored(taskId).compose(task -> status(task).compose(status -> {
      if (status != TaskStatus.CREATED && status != TaskStatus.STOPPED) {
        return Future.failedFuture(VcsError.TASK_STATE.exception("the task is " + status + "; only a created or stopped task can start"));
      }
      boolean due = task.spec().execStartTime() <= clock.getAsLong();
      StoredTask.Phase next = due ? StoredTask.Phase.RUNNING : StoredTask.Phase.SCHEDULED;
      return store.move(taskId, List.of(task.phase()), next).compose(moved -> {
        if (!moved) {
          return Future.failedFuture(VcsError.TASK_STATE.exception("the task changed meanwhile; query it and try again"));
        }
        return due ? launch(taskId) : Future.succeededFuture();
      });
    }));
  }

  public Future<Void> stop(String taskId) {
    return stored(taskId).compose(task -> status(task).compose(status -> {
      if (status != TaskStatus.WAITING && status != TaskStatus.ONLINED) {
        return Future.failedFuture(VcsError.TASK_STATE.exception("the task is " + status + "; only a waiting or running task can stop"));
      }
      return store.move(taskId, List.of(StoredTask.Phase.SCHEDULED, StoredTask.Phase.RUNNING), StoredTask.Phase.STOPPED)
          .compose(moved -> Future.join(task.devices().stream().filter(d -> d.aipsTaskId() != null)
              .map(d -> tasks.stop(d.aipsTaskId()).recover(e -> e instanceof TaskStateException ? Future.succeededFuture() : Future.failedFuture(e)))
              .toList()))
          .mapEmpty();
    }));
  }

  /** The seed's query answer for one task, with progress and each device's state and sampled frames done of total. */
  public Future<JsonObject> describe(String taskId) {
    return stored(taskId).compose(task -> deviceInfos(task).map(infos -> {
      TaskStatus status = TaskStatus.of(task.phase(), infos);
      JsonArray devices = new JsonArray();
      double weighted = 0;
      double weights = 0;
      for (int i = 0; i < infos.size(); i++) {
        StoredTask.Device device = task.devices().get(i);
        Optional<TaskInfo> info = infos.get(i);
        double progress = info.map(TaskInfo::progress).orElse(0.0);
        long framesTotal = analysis.samples(device.videoDurationMs(), device.videoFrameRate());
        long framesDone = info.filter(t -> t.state() == TaskState.DONE).isPresent() ? framesTotal : Math.min(framesTotal, Math.round(progress * framesTotal));
        weighted += progress * device.spec().videoTimeLength();
        weights += device.spec().videoTimeLength();
        devices.add(new JsonObject().put("deviceId", device.spec().deviceId()).put("progress", progress)
            .put("framesDone", framesDone).put("framesTotal", framesTotal)
            .put("state", info.map(t -> t.state().name()).orElse("NOT_STARTED")).put("error", info.map(TaskInfo::error).orElse(null)));
      }
      return new JsonObject().put("taskId", taskId).put("taskStatus", status.name()).put("name", task.spec().name())
          .put("execStartTime", task.spec().execStartTime()).put("progress", weights == 0 ? 0 : weighted / weights).put("devices", devices)
          .put("faceGroup", task.spec().faceIdentification() == null ? null : task.spec().faceIdentification().group());
    }));
  }

  /** The task a name identifies (the seed's modify request has no taskId). */
  public Future<String> idByName(String name) {
    return store.idsByName(name).compose(ids -> switch (ids.size()) {
      case 0 -> Future.failedFuture(VcsError.TASK_NOT_FOUND.exception("no compute task named \"" + name + "\""));
      case 1 -> Future.succeededFuture(ids.get(0));
      default -> Future.failedFuture(VcsError.INVALID_PARAMETER.exception(ids.size() + " tasks are named \"" + name + "\": add taskId"));
    });
  }

  public Future<StoredTask> stored(String taskId) {
    return store.find(taskId).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(VcsError.TASK_NOT_FOUND.exception("no compute task " + taskId))));
  }

  /** Starts every scheduled task whose time has come, and finishes starting any a node left half started. */
  public Future<Void> launchDue() {
    return store.claimDue(clock.getAsLong())
        .compose(due -> store.runningWithUnstartedDevices().map(half -> {
          List<String> all = new ArrayList<>(due);
          half.stream().filter(id -> !all.contains(id)).forEach(all::add);
          return all;
        }))
        .compose(ids -> Future.join(ids.stream().map(this::launch).toList()).mapEmpty());
  }

  /**
   * Submits each device's AIPS task, or starts it again if it was stopped. Idempotent: a device is
   * submitted only by the launch that claimed it (a start and the periodic check may both launch).
   */
  private Future<Void> launch(String taskId) {
    return stored(taskId).compose(task -> Future.all(resumeStopped(task), submitClaimed(task))).mapEmpty();
  }

  private Future<?> resumeStopped(StoredTask task) {
    return Future.all(task.devices().stream().filter(d -> d.aipsTaskId() != null).map(d -> resume(d.aipsTaskId())).toList());
  }

  /** Submits the devices with no AIPS task yet that this launch claimed (none claimed: no statement). */
  private Future<?> submitClaimed(StoredTask task) {
    if (task.devices().stream().allMatch(d -> d.aipsTaskId() != null)) {
      return Future.succeededFuture();
    }
    return store.claimLaunch(task.taskId(), LAUNCH_TIMEOUT_SECONDS).compose(claimed -> Future.all(task.devices().stream()
        .filter(d -> claimed.contains(d.spec().deviceId())).map(d -> submit(task, d)).toList()));
  }

  private Future<Void> submit(StoredTask task, StoredTask.Device device) {
    return videos.find(device.spec().videoId()).compose(video -> {
      StoredVideo v = video.orElseThrow(() -> VcsError.VIDEO_NOT_FOUND.exception("no video " + device.spec().videoId()));
      return host.blobs().find(v.blobKey()).compose(blob -> {
        JsonObject params = new JsonObject().put("computeTaskId", task.taskId()).put("deviceId", device.spec().deviceId())
            .put("videoBeginTime", device.spec().videoBeginTime()).put("models", new JsonArray(task.spec().models()))
            .put("videoFrameRate", v.info().frameRate()).put("durationMs", v.info().durationMs());
        FaceIdentification identification = task.spec().faceIdentification();
        if (identification != null) {
          params.put("faceGroup", identification.group()).put("faceThreshold", identification.threshold());
        }
        TaskRequest request = TaskRequest.of(DeviceAnalysisTaskType.NAME, params)
            .withInput(DeviceAnalysisTaskType.INPUT, blob.orElseThrow(() -> VcsError.VIDEO_NOT_FOUND.exception("the file of video " + v.videoId() + " is gone")))
            .withKeepSeconds(86_400);
        return tasks.submit(request).compose(aipsId -> store.attach(task.taskId(), device.spec().deviceId(), aipsId)
            .compose(attached -> attached ? Future.succeededFuture() : tasks.cancel(aipsId).mapEmpty()));
      });
    });
  }

  private Future<Void> resume(String aipsTaskId) {
    return tasks.get(aipsTaskId).compose(info -> info.isPresent() && info.get().state() == TaskState.STOPPED
        ? tasks.start(aipsTaskId).mapEmpty() : Future.succeededFuture());
  }

  private Future<TaskStatus> status(StoredTask task) {
    return deviceInfos(task).map(infos -> TaskStatus.of(task.phase(), infos));
  }

  private Future<List<Optional<TaskInfo>>> deviceInfos(StoredTask task) {
    List<Future<Optional<TaskInfo>>> infos = task.devices().stream()
        .map(d -> d.aipsTaskId() == null ? Future.succeededFuture(Optional.<TaskInfo>empty()) : tasks.get(d.aipsTaskId())).toList();
    return Future.all(infos).map(all -> infos.stream().map(Future::result).toList());
  }

  private Future<Void> checkVideos(TaskSpec spec) {
    return Future.all(spec.devices().stream().map(device -> videos.find(device.videoId()).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(VcsError.VIDEO_NOT_FOUND.exception("device " + device.deviceId() + ": no video " + device.videoId()
            + " (upload it or register it by URI first)"));
      }
      long probed = found.get().info().durationMs();
      if (Math.abs(device.videoTimeLength() * 1000L - probed) > LENGTH_TOLERANCE_MS) {
        return Future.failedFuture(VcsError.VIDEO_LENGTH_MISMATCH.exception("device " + device.deviceId() + ": videoTimeLength is "
            + device.videoTimeLength() + " s but video " + device.videoId() + " lasts " + probed / 1000.0 + " s"));
      }
      return Future.succeededFuture();
    })).toList()).mapEmpty();
  }

  /** A named face group must exist, and a node must serve face groups (the face-ingest plugin). */
  private Future<Void> checkFaceGroup(TaskSpec spec) {
    if (spec.faceIdentification() == null) {
      return Future.succeededFuture();
    }
    String group = spec.faceIdentification().group();
    return faceGroups.checkGroup(group).recover(e -> {
      ServiceFailure failure = ServiceFailure.of(e).orElse(ServiceFailure.INTERNAL);
      if (failure == ServiceFailure.NOT_FOUND) {
        return Future.failedFuture(VcsError.FACE_GROUP_NOT_FOUND.exception("no face group \"" + group + "\" (create it with a face ingestion task)"));
      }
      if (failure.isUnavailable()) {
        return Future.failedFuture(VcsError.FACE_GROUPS_UNAVAILABLE.exception("faceGroup needs the face ingestion service, which no node serves now"));
      }
      return Future.failedFuture(e);
    });
  }

  /** The seed's modify example has no videoBeginTime: a device keeps the one it had (0 when new). */
  private static TaskSpec withBeginTimes(TaskSpec spec, StoredTask before) {
    List<DeviceSpec> devices = spec.devices().stream().map(d -> d.videoBeginTime() >= 0 ? d
        : new DeviceSpec(d.deviceId(), d.videoId(), d.videoTimeLength(), before == null ? 0 : before.devices().stream()
            .filter(old -> old.spec().deviceId().equals(d.deviceId())).mapToLong(old -> old.spec().videoBeginTime()).findFirst().orElse(0))).toList();
    return new TaskSpec(spec.name(), spec.execType(), spec.execStartTime(), spec.description(), devices, spec.models(), spec.clientName(),
        spec.faceIdentification());
  }

  private static boolean sameWork(TaskSpec before, TaskSpec after) {
    return before.devices().equals(after.devices()) && before.models().equals(after.models())
        && Objects.equals(before.faceIdentification(), after.faceIdentification());
  }
}
