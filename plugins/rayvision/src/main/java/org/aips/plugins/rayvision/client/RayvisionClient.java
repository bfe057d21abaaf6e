package org.aips.plugins.rayvision.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.aips.plugins.rayvision.client.impl.RayvisionClientImpl;
import org.aips.plugins.rayvision.client.model.AnalyseError;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.plugins.rayvision.client.model.CreatedTasks;
import org.aips.plugins.rayvision.client.model.FrameInfo;
import org.aips.plugins.rayvision.client.model.FrameSelection;
import org.aips.plugins.rayvision.client.model.FrameStats;
import org.aips.plugins.rayvision.client.model.FramesQuery;
import org.aips.plugins.rayvision.client.model.HardwareConfig;
import org.aips.plugins.rayvision.client.model.OutputFile;
import org.aips.plugins.rayvision.client.model.Page;
import org.aips.plugins.rayvision.client.model.Platform;
import org.aips.plugins.rayvision.client.model.RaysyncServerInfo;
import org.aips.plugins.rayvision.client.model.RaysyncUserKey;
import org.aips.plugins.rayvision.client.model.SoftwarePlugins;
import org.aips.plugins.rayvision.client.model.SupportedSoftware;
import org.aips.plugins.rayvision.client.model.TaskInfo;
import org.aips.plugins.rayvision.client.model.TaskListQuery;
import org.aips.plugins.rayvision.client.model.TransferBid;
import org.aips.plugins.rayvision.client.model.TransferConfig;
import org.aips.plugins.rayvision.client.model.UserProfile;
import org.aips.plugins.rayvision.client.model.UserSetting;

import java.util.List;

/**
 * The Renderbus API (as the Python SDK {@code rayvision_api} uses it) on a Vert.x {@link WebClient}.
 * Every call is a signed POST; the envelope is unwrapped, and {@code code != 200} fails the future
 * with {@link RayvisionException}. Safe failures are retried (see {@code RetryPolicy}).
 */
public interface RayvisionClient {

  static RayvisionClient create(Vertx vertx, WebClient webClient, RayvisionAccount account, ClientOptions options) {
    return new RayvisionClientImpl(vertx, webClient, account, options);
  }

  RayvisionAccount account();

  Future<UserProfile> userProfile();

  Future<UserSetting> userSetting();

  Future<TransferBid> transferBid();

  Future<TransferConfig> transferConfig();

  Future<RaysyncServerInfo> raysyncServerInfo();

  Future<RaysyncUserKey> raysyncUserKey();

  /** Render platforms the account may use. */
  Future<List<Platform>> platforms();

  /** CG software the farm renders. */
  Future<SupportedSoftware> supportedSoftware();

  /** Versions and plugins of one CG package ({@code cgId} 2000 Maya, 2001 3ds Max, ...) for "windows" or "linux". */
  Future<SoftwarePlugins> supportedPlugins(int cgId, String osName);

  Future<CreatedTasks> createTask(CreateTaskRequest request);

  /**
   * Uploads one of the task's configuration files; {@code fileName} is "task.json", "upload.json",
   * "asset.json" or "tips.json" (the only names the SDK's schema allows).
   */
  Future<Void> uploadTaskJson(long taskId, JsonObject content, String fileName);

  default Future<Void> uploadTaskJson(long taskId, JsonObject content) {
    return uploadTaskJson(taskId, content, TASK_JSON);
  }

  Future<Void> submitTask(long taskId, String producer);

  /** Meaning of analysis error codes: {@code code} and/or {@code codes}; language 0 Chinese, 1 English. */
  Future<List<AnalyseError>> analyseErrorDetail(String code, List<String> codes, int language);

  Future<Page<TaskInfo>> taskList(TaskListQuery query);

  /** Details of many tasks in one call; unknown ids are left out. */
  Future<List<TaskInfo>> taskInfo(List<Long> taskIds);

  Future<Page<FrameInfo>> taskFrames(FramesQuery query);

  /** Frame counts over every task of the account. */
  Future<FrameStats> allFrameStats();

  Future<Void> stopTasks(List<Long> taskIds);

  Future<Void> startTasks(List<Long> taskIds);

  /** Gives the tasks up: they stop for good. */
  Future<Void> abandonTasks(List<Long> taskIds);

  Future<Void> deleteTasks(List<Long> taskIds);

  /** Changes a task's priority: 50 normal, 60 high. */
  Future<Void> updatePriority(long taskId, int taskUserLevel);

  /** Makes the farm stop the tasks once they have rendered longer than {@code overTimeSeconds}. */
  Future<Void> setOverTimeStop(List<Long> taskIds, long overTimeSeconds);

  Future<Void> fullSpeed(List<Long> taskIds);

  /** Renders failed frames again (or, with {@code frameStatuses}, frames in those statuses). */
  Future<Void> recommitFailedFrames(List<Long> taskIds, List<Integer> frameStatuses);

  Future<Void> recommitFrames(FrameSelection frames);

  /**
   * Renders the named frames again, as the SDK's {@code get_custome_frames} does it: pages through
   * {@code queryTaskFrames}, picks the frames whose {@code frameIndex} is asked for, and recommits
   * them by id. An expression matches a frame whose index is written the same way ("6") or, for a
   * plain numeric index, lies in its range ("7-9[1]"). Fails when no frame matches.
   */
  Future<Void> recommitFramesByIndex(long taskId, List<String> frameExpressions);

  Future<Void> stopFrames(FrameSelection frames);

  /** A frame's render log, as the farm returns it (its shape is not documented: kept as JSON). */
  Future<JsonObject> renderLog(long frameId, String renderingType, int pageNum, int pageSize);

  /**
   * The tasks that render a task's frames, as the SDK's {@code get_small_task_id} finds them: the
   * ids of {@code queryTaskInfo}'s {@code respRenderingTaskList}, or the task's own id when it has
   * no layers. Fails with a 404 {@link RayvisionException} when the farm does not list the task.
   */
  Future<List<Long>> subTaskIds(long taskId);

  /** The folders of one task at the top of the output storage (for a layered task, pass a sub-task id). */
  Future<List<OutputFile>> taskOutputFiles(long taskId);

  /** The output storage tree below {@code treePath}, relative to the output root ("/" is the root). */
  Future<List<OutputFile>> outputFiles(String treePath);

  /** Hardware configurations; with task ids, {@code current} marks the ones those tasks use. */
  Future<List<HardwareConfig>> hardwareConfigs(List<String> taskIds);

  String TASK_JSON = "task.json";
}
