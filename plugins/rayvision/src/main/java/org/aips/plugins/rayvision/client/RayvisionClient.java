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
import org.aips.plugins.rayvision.client.model.FramesQuery;
import org.aips.plugins.rayvision.client.model.HardwareConfig;
import org.aips.plugins.rayvision.client.model.OutputFile;
import org.aips.plugins.rayvision.client.model.Page;
import org.aips.plugins.rayvision.client.model.RaysyncServerInfo;
import org.aips.plugins.rayvision.client.model.RaysyncUserKey;
import org.aips.plugins.rayvision.client.model.RecommitFrames;
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

  Future<CreatedTasks> createTask(CreateTaskRequest request);

  /** Uploads the task's configuration ({@code task.json} unless {@code fileName} says otherwise). */
  Future<Void> uploadTaskJson(long taskId, JsonObject content, String fileName);

  Future<Void> submitTask(long taskId, String producer);

  /** Meaning of analysis error codes; {@code code} or {@code codes} (comma separated); language "0" Chinese, "1" English. */
  Future<List<AnalyseError>> analyseErrorDetail(String code, String codes, String language);

  Future<Page<TaskInfo>> taskList(TaskListQuery query);

  /** Details of many tasks in one call; unknown ids are left out. */
  Future<List<TaskInfo>> taskInfo(List<Long> taskIds);

  Future<Page<FrameInfo>> taskFrames(FramesQuery query);

  Future<Void> stopTasks(List<Long> taskIds);

  Future<Void> startTasks(List<Long> taskIds);

  Future<Void> fullSpeed(List<Long> taskIds);

  /** Renders failed frames again (or, with {@code frameStatuses}, frames in those statuses). */
  Future<Void> recommitFailedFrames(List<Long> taskIds, List<Integer> frameStatuses);

  Future<Void> recommitFrames(RecommitFrames frames);

  /** Renders the frames named by expressions such as {@code "6"} or {@code "7-9[1]"} again. */
  Future<Void> recommitFramesByIndex(long taskId, List<String> frameExpressions);

  Future<List<Long>> subTaskIds(long taskId);

  /** The output storage tree below {@code treePath} ("/" when null), optionally of one task. */
  Future<List<OutputFile>> outputFiles(Long taskId, String treePath);

  /** Hardware configurations; with task ids, {@code current} marks the ones those tasks use. */
  Future<List<HardwareConfig>> hardwareConfigs(List<String> taskIds);
}
