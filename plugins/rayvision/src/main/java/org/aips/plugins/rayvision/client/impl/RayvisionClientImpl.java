package org.aips.plugins.rayvision.client.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import org.aips.plugins.rayvision.client.ClientOptions;
import org.aips.plugins.rayvision.client.Operation;
import org.aips.plugins.rayvision.client.RayvisionAccount;
import org.aips.plugins.rayvision.client.RayvisionClient;
import org.aips.plugins.rayvision.client.RayvisionException;
import org.aips.plugins.rayvision.client.UnexpectedResponseException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** Signs, sends, unwraps and retries; the typed methods only pick a body ({@link RequestBodies}) and decode data. */
public final class RayvisionClientImpl implements RayvisionClient {

  private static final Logger LOG = LoggerFactory.getLogger(RayvisionClientImpl.class);
  private static final Set<String> CONFIG_FILES = Set.of("task.json", "upload.json", "asset.json", "tips.json");
  private static final int FRAME_PAGE_SIZE = 100;
  private static final int MAX_FRAME_PAGES = 2000; // the SDK's get_all_frames stops there too

  private final Vertx vertx;
  private final WebClient webClient;
  private final RayvisionAccount account;
  private final ClientOptions options;
  private final RequestLimit limit;

  public RayvisionClientImpl(Vertx vertx, WebClient webClient, RayvisionAccount account, ClientOptions options) {
    this.vertx = vertx;
    this.webClient = webClient;
    this.account = account;
    this.options = options;
    this.limit = new RequestLimit(options.maxConcurrentRequests());
  }

  @Override
  public RayvisionAccount account() {
    return account;
  }

  @Override public Future<UserProfile> userProfile() { return object(Operation.QUERY_USER_PROFILE, RequestBodies.empty(), UserProfile::fromJson); }
  @Override public Future<UserSetting> userSetting() { return object(Operation.QUERY_USER_SETTING, RequestBodies.empty(), UserSetting::fromJson); }
  @Override public Future<TransferBid> transferBid() { return object(Operation.GET_TRANSFER_BID, RequestBodies.empty(), TransferBid::fromJson); }
  @Override public Future<TransferConfig> transferConfig() { return object(Operation.GET_TRANSFER_CONFIG, RequestBodies.empty(), TransferConfig::fromJson); }
  @Override public Future<RaysyncUserKey> raysyncUserKey() { return object(Operation.GET_RAYSYNC_USER_KEY, RequestBodies.empty(), RaysyncUserKey::fromJson); }
  @Override public Future<FrameStats> allFrameStats() { return object(Operation.QUERY_ALL_FRAME_STATS, RequestBodies.empty(), FrameStats::fromJson); }
  @Override public Future<SupportedSoftware> supportedSoftware() { return object(Operation.QUERY_SOFTWARE_LIST, RequestBodies.empty(), SupportedSoftware::fromJson); }

  @Override
  public Future<RaysyncServerInfo> raysyncServerInfo() {
    return object(Operation.GET_RAYSYNC_SERVER_INFO, RequestBodies.serverInfo(account.domain()), RaysyncServerInfo::fromJson);
  }

  @Override
  public Future<List<Platform>> platforms() {
    return list(Operation.QUERY_PLATFORMS, RequestBodies.platforms(account.domain()), Platform::fromJson);
  }

  @Override
  public Future<SoftwarePlugins> supportedPlugins(int cgId, String osName) {
    if (!"windows".equals(osName) && !"linux".equals(osName)) {
      return Future.failedFuture(new IllegalArgumentException("osName must be \"windows\" or \"linux\", got: " + osName));
    }
    return object(Operation.QUERY_SOFTWARE_DETAIL, RequestBodies.softwareDetail(cgId, osName), SoftwarePlugins::fromJson);
  }

  @Override
  public Future<CreatedTasks> createTask(CreateTaskRequest request) {
    return object(Operation.CREATE_TASK, RequestBodies.createTask(request), CreatedTasks::fromJson);
  }

  @Override
  public Future<Void> uploadTaskJson(long taskId, JsonObject content, String fileName) {
    if (!CONFIG_FILES.contains(fileName)) {
      return Future.failedFuture(new IllegalArgumentException("fileName must be one of " + CONFIG_FILES + ", got: " + fileName));
    }
    // the SDK uploads json.dumps(task_info); the same text, so the farm reads the same file
    return call(Operation.UPLOAD_TASK_JSON, RequestBodies.taskJsonFile(taskId, fileName, PythonJson.encode(content))).mapEmpty();
  }

  @Override
  public Future<Void> submitTask(long taskId, String producer) {
    return call(Operation.SUBMIT_TASK, RequestBodies.submitTask(taskId, producer)).mapEmpty();
  }

  @Override
  public Future<List<AnalyseError>> analyseErrorDetail(String code, List<String> codes, int language) {
    if ((code == null || code.isBlank()) && (codes == null || codes.isEmpty())) {
      return Future.failedFuture(new IllegalArgumentException("code or codes is required"));
    }
    if (language != 0 && language != 1) {
      return Future.failedFuture(new IllegalArgumentException("language must be 0 (Chinese) or 1 (English)"));
    }
    return list(Operation.QUERY_ANALYSE_ERROR_DETAIL, RequestBodies.analyseErrorDetail(code, codes, language), AnalyseError::fromJson);
  }

  @Override
  public Future<Page<TaskInfo>> taskList(TaskListQuery query) {
    return object(Operation.GET_TASK_LIST, RequestBodies.taskList(query), json -> Page.fromJson(json, TaskInfo::fromJson));
  }

  @Override
  public Future<List<TaskInfo>> taskInfo(List<Long> taskIds) {
    return object(Operation.QUERY_TASK_INFO, RequestBodies.taskIds(taskIds), json -> Page.fromJson(json, TaskInfo::fromJson).items());
  }

  @Override
  public Future<Page<FrameInfo>> taskFrames(FramesQuery query) {
    return object(Operation.QUERY_TASK_FRAMES, RequestBodies.taskFrames(query), json -> Page.fromJson(json, FrameInfo::fromJson));
  }

  @Override public Future<Void> stopTasks(List<Long> taskIds) { return done(Operation.STOP_TASK, RequestBodies.taskIds(taskIds)); }
  @Override public Future<Void> startTasks(List<Long> taskIds) { return done(Operation.START_TASK, RequestBodies.taskIds(taskIds)); }
  @Override public Future<Void> abandonTasks(List<Long> taskIds) { return done(Operation.ABANDON_TASK, RequestBodies.taskIds(taskIds)); }
  @Override public Future<Void> deleteTasks(List<Long> taskIds) { return done(Operation.DELETE_TASK, RequestBodies.taskIds(taskIds)); }
  @Override public Future<Void> fullSpeed(List<Long> taskIds) { return done(Operation.FULL_SPEED_RENDERING, RequestBodies.taskIds(taskIds)); }
  @Override public Future<Void> recommitFrames(FrameSelection frames) { return done(Operation.RECOMMIT_FRAMES, RequestBodies.frameSelection(frames)); }
  @Override public Future<Void> stopFrames(FrameSelection frames) { return done(Operation.STOP_FRAMES, RequestBodies.frameSelection(frames)); }

  @Override
  public Future<Void> updatePriority(long taskId, int taskUserLevel) {
    if (taskUserLevel != 50 && taskUserLevel != 60) {
      return Future.failedFuture(new IllegalArgumentException("taskUserLevel must be 50 (normal) or 60 (high)"));
    }
    return done(Operation.UPDATE_TASK_USER_LEVEL, RequestBodies.updateTaskUserLevel(taskId, taskUserLevel));
  }

  @Override
  public Future<Void> setOverTimeStop(List<Long> taskIds, long overTimeSeconds) {
    if (overTimeSeconds < 1) {
      return Future.failedFuture(new IllegalArgumentException("overTimeSeconds must be positive"));
    }
    return done(Operation.SET_TASK_OVERTIME_STOP, RequestBodies.setTaskOverTimeStop(taskIds, overTimeSeconds));
  }

  @Override
  public Future<Void> recommitFailedFrames(List<Long> taskIds, List<Integer> frameStatuses) {
    return done(Operation.RECOMMIT_FAILED_FRAMES, RequestBodies.recommitTasks(taskIds, frameStatuses));
  }

  @Override
  public Future<Void> recommitFramesByIndex(long taskId, List<String> frameExpressions) {
    FrameIndexMatcher matcher;
    try {
      matcher = new FrameIndexMatcher(frameExpressions);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return matchingFrameIds(taskId, matcher, 1, new ArrayList<>()).compose(ids -> ids.isEmpty()
        ? Future.failedFuture(new IllegalArgumentException("task " + taskId + " has no frame " + frameExpressions))
        : recommitFrames(FrameSelection.byIds(taskId, ids)));
  }

  private Future<List<Long>> matchingFrameIds(long taskId, FrameIndexMatcher matcher, int page, List<Long> found) {
    return taskFrames(FramesQuery.page(taskId, page, FRAME_PAGE_SIZE)).compose(frames -> {
      frames.items().stream().filter(f -> matcher.matches(f.frameIndex())).forEach(f -> found.add(f.id()));
      boolean more = !frames.isLast() && !frames.items().isEmpty() && page < MAX_FRAME_PAGES;
      return more ? matchingFrameIds(taskId, matcher, page + 1, found) : Future.succeededFuture(found);
    });
  }

  @Override
  public Future<JsonObject> renderLog(long frameId, String renderingType, int pageNum, int pageSize) {
    if (renderingType == null || renderingType.isBlank() || pageNum < 1 || pageSize < 1) {
      return Future.failedFuture(new IllegalArgumentException("renderingType is required; pageNum and pageSize must be at least 1"));
    }
    return object(Operation.SHOW_LOG, RequestBodies.showLog(frameId, renderingType, pageNum, pageSize), Function.identity());
  }

  @Override
  public Future<List<Long>> subTaskIds(long taskId) {
    return taskInfo(List.of(taskId)).map(infos -> {
      TaskInfo info = infos.stream().filter(i -> i.id() == taskId).findFirst()
          .orElseThrow(() -> new RayvisionException(RayvisionException.NOT_FOUND, "task " + taskId + " is not listed",
              options.path(Operation.QUERY_TASK_INFO)));
      return info.renderingTasks().stream().map(TaskInfo::id).toList();
    });
  }

  @Override
  public Future<List<OutputFile>> taskOutputFiles(long taskId) {
    return list(Operation.GET_OUTPUT_FILES, RequestBodies.outputFiles(taskId, null), OutputFile::fromJson);
  }

  @Override
  public Future<List<OutputFile>> outputFiles(String treePath) {
    if (treePath == null || !treePath.startsWith("/")) {
      return Future.failedFuture(new IllegalArgumentException("treePath must start with '/', got: " + treePath));
    }
    return list(Operation.GET_OUTPUT_FILES, RequestBodies.outputFiles(null, treePath), OutputFile::fromJson);
  }

  @Override
  public Future<List<HardwareConfig>> hardwareConfigs(List<String> taskIds) {
    return list(Operation.LIST_HARDWARE_CONFIGS, RequestBodies.hardwareConfigs(taskIds), HardwareConfig::fromJson);
  }

  private Future<Void> done(Operation operation, JsonObject body) {
    return call(operation, body).mapEmpty();
  }

  private <T> Future<T> object(Operation operation, JsonObject body, Function<JsonObject, T> decoder) {
    return call(operation, body).map(data -> {
      if (!(data instanceof JsonObject json)) {
        throw new UnexpectedResponseException(200, options.path(operation), "data is not an object");
      }
      return decoder.apply(json);
    });
  }

  private <T> Future<List<T>> list(Operation operation, JsonObject body, Function<JsonObject, T> decoder) {
    return call(operation, body).map(data -> {
      if (data == null) {
        return List.of();
      }
      if (!(data instanceof JsonArray array)) {
        throw new UnexpectedResponseException(200, options.path(operation), "data is not a list");
      }
      List<T> items = new ArrayList<>();
      array.forEach(item -> items.add(decoder.apply((JsonObject) item)));
      return List.copyOf(items);
    });
  }

  /** Sends the call, retrying what {@link RetryPolicy} allows, each attempt freshly signed. */
  Future<Object> call(Operation operation, JsonObject body) {
    return attempt(operation, body, 1);
  }

  private Future<Object> attempt(Operation operation, JsonObject body, int attempt) {
    return limit.run(isUrgent(operation), () -> send(operation, body)).recover(failure -> {
      if (attempt >= options.maxAttempts() || !RetryPolicy.isRetryable(operation, failure)) {
        return Future.failedFuture(failure);
      }
      long delay = RetryPolicy.delayMillis(attempt, options);
      LOG.debug("{} attempt {} failed ({}); retrying in {} ms", operation, attempt, failure.toString(), delay);
      return sleep(delay).compose(v -> attempt(operation, body, attempt + 1));
    });
  }

  private Future<Object> send(Operation operation, JsonObject body) {
    String path = options.path(operation);
    Map<String, String> headers = signedHeaders();
    String signature = RequestSigner.sign(account.accessKey(), RequestSigner.stringToSign(account.domain(), path, headers, body));
    HttpRequest<Buffer> request = webClient.post(account.port(), account.host(), path)
        .ssl(account.tls())
        .connectTimeout(options.connectTimeoutMillis())
        .idleTimeout(options.requestTimeoutMillis());
    headers.forEach(request::putHeader);
    request.putHeader("signature", signature)
        .putHeader("Content-Type", "application/json")
        .putHeader("languageFlag", account.domain().contains("renderbus") ? "1" : "0"); // the SDK's rule; not signed
    return request.sendBuffer(Buffer.buffer(PythonJson.encode(body))).map(response -> Envelope.unwrap(response, path));
  }

  /** Polls and stops jump the queue: progress and cancels must not wait behind a burst of submissions. */
  private static boolean isUrgent(Operation operation) {
    return operation == Operation.QUERY_TASK_INFO || operation == Operation.STOP_TASK;
  }

  /** The signed header set; timestamp and nonce are new for every attempt, so a retry is never a replay. */
  private Map<String, String> signedHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("accessId", account.accessId());
    headers.put("channel", ClientOptions.CHANNEL);
    headers.put("platform", account.platform());
    headers.put("UTCTimestamp", Long.toString(System.currentTimeMillis() / 1000));
    headers.put("nonce", Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999)));
    headers.put("version", ClientOptions.SDK_VERSION);
    return headers;
  }

  private Future<Void> sleep(long millis) {
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(millis, id -> promise.complete());
    return promise.future();
  }
}
