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
import org.aips.plugins.rayvision.client.UnexpectedResponseException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** Signs, sends, unwraps and retries; the typed methods only shape bodies and decode data. */
public final class RayvisionClientImpl implements RayvisionClient {

  private static final Logger LOG = LoggerFactory.getLogger(RayvisionClientImpl.class);

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

  @Override public Future<UserProfile> userProfile() { return object(Operation.QUERY_USER_PROFILE, new JsonObject(), UserProfile::fromJson); }
  @Override public Future<UserSetting> userSetting() { return object(Operation.QUERY_USER_SETTING, new JsonObject(), UserSetting::fromJson); }
  @Override public Future<TransferBid> transferBid() { return object(Operation.GET_TRANSFER_BID, new JsonObject(), TransferBid::fromJson); }
  @Override public Future<TransferConfig> transferConfig() { return object(Operation.GET_TRANSFER_CONFIG, new JsonObject(), TransferConfig::fromJson); }
  @Override public Future<RaysyncServerInfo> raysyncServerInfo() { return object(Operation.GET_RAYSYNC_SERVER_INFO, new JsonObject(), RaysyncServerInfo::fromJson); }
  @Override public Future<RaysyncUserKey> raysyncUserKey() { return object(Operation.GET_RAYSYNC_USER_KEY, new JsonObject(), RaysyncUserKey::fromJson); }

  @Override
  public Future<CreatedTasks> createTask(CreateTaskRequest request) {
    return object(Operation.CREATE_TASK, request.toJson(), CreatedTasks::fromJson);
  }

  @Override
  public Future<Void> uploadTaskJson(long taskId, JsonObject content, String fileName) {
    JsonObject body = new JsonObject().put("task_id", taskId).put("content", content.encode());
    if (fileName != null) {
      body.put("file_name", fileName);
    }
    return call(Operation.UPLOAD_TASK_JSON, body).mapEmpty();
  }

  @Override
  public Future<Void> submitTask(long taskId, String producer) {
    JsonObject body = new JsonObject().put("task_id", taskId);
    if (producer != null) {
      body.put("producer", producer);
    }
    return call(Operation.SUBMIT_TASK, body).mapEmpty();
  }

  @Override
  public Future<List<AnalyseError>> analyseErrorDetail(String code, String codes, String language) {
    if ((code == null || code.isBlank()) && (codes == null || codes.isBlank())) {
      return Future.failedFuture(new IllegalArgumentException("code or codes is required"));
    }
    JsonObject body = new JsonObject();
    putIfPresent(body, "code", code);
    putIfPresent(body, "codes", codes);
    putIfPresent(body, "language", language);
    return list(Operation.QUERY_ANALYSE_ERROR_DETAIL, body, AnalyseError::fromJson);
  }

  @Override
  public Future<Page<TaskInfo>> taskList(TaskListQuery query) {
    return object(Operation.GET_TASK_LIST, query.toJson(), json -> Page.fromJson(json, TaskInfo::fromJson));
  }

  @Override
  public Future<List<TaskInfo>> taskInfo(List<Long> taskIds) {
    return object(Operation.QUERY_TASK_INFO, new JsonObject().put("task_ids_list", ids(taskIds)),
        json -> Page.fromJson(json, TaskInfo::fromJson).items());
  }

  @Override
  public Future<Page<FrameInfo>> taskFrames(FramesQuery query) {
    return object(Operation.QUERY_TASK_FRAMES, query.toJson(), json -> Page.fromJson(json, FrameInfo::fromJson));
  }

  @Override
  public Future<Void> stopTasks(List<Long> taskIds) {
    return call(Operation.STOP_TASK, new JsonObject().put("task_param_list", ids(taskIds))).mapEmpty();
  }

  @Override
  public Future<Void> startTasks(List<Long> taskIds) {
    return call(Operation.START_TASK, new JsonObject().put("task_param_list", ids(taskIds))).mapEmpty();
  }

  @Override
  public Future<Void> fullSpeed(List<Long> taskIds) {
    return call(Operation.FULL_SPEED_RENDERING, new JsonObject().put("task_id_list", ids(taskIds))).mapEmpty();
  }

  @Override
  public Future<Void> recommitFailedFrames(List<Long> taskIds, List<Integer> frameStatuses) {
    JsonObject body = new JsonObject().put("task_param_list", ids(taskIds));
    if (frameStatuses != null && !frameStatuses.isEmpty()) {
      body.put("status", new JsonArray(new ArrayList<>(frameStatuses)));
    }
    return call(Operation.RECOMMIT_FAILED_FRAMES, body).mapEmpty();
  }

  @Override
  public Future<Void> recommitFrames(RecommitFrames frames) {
    return call(Operation.RECOMMIT_FRAMES_BY_ID, frames.toJson()).mapEmpty();
  }

  @Override
  public Future<Void> recommitFramesByIndex(long taskId, List<String> frameExpressions) {
    if (frameExpressions == null || frameExpressions.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("at least one frame expression is required"));
    }
    JsonObject body = new JsonObject().put("task_id", taskId).put("restartframes", new JsonArray(new ArrayList<>(frameExpressions)));
    return call(Operation.RECOMMIT_FRAMES_BY_INDEX, body).mapEmpty();
  }

  @Override
  public Future<List<Long>> subTaskIds(long taskId) {
    return call(Operation.QUERY_SUB_TASK_IDS, new JsonObject().put("task_id", taskId)).map(data -> {
      List<Long> ids = new ArrayList<>();
      if (data instanceof JsonArray array) {
        array.forEach(id -> ids.add(Long.parseLong(id.toString())));
      }
      return List.copyOf(ids);
    });
  }

  @Override
  public Future<List<OutputFile>> outputFiles(Long taskId, String treePath) {
    JsonObject body = new JsonObject();
    putIfPresent(body, "task_id", taskId);
    putIfPresent(body, "tree_path", treePath);
    return list(Operation.GET_OUTPUT_FILES, body, OutputFile::fromJson);
  }

  @Override
  public Future<List<HardwareConfig>> hardwareConfigs(List<String> taskIds) {
    JsonObject body = new JsonObject();
    if (taskIds != null && !taskIds.isEmpty()) {
      body.put("task_ids", new JsonArray(new ArrayList<>(taskIds)));
    }
    return list(Operation.LIST_HARDWARE_CONFIGS, body, HardwareConfig::fromJson);
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
        .putHeader("languageFlag", account.domain().contains("renderbus") ? "0" : "1"); // like the SDK; not signed
    return request.sendBuffer(Buffer.buffer(body.encode())).map(response -> Envelope.unwrap(response, path));
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
    headers.put("nonce", Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000)));
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

  /** An empty list is sent as it is: the farm answers 601 (missing parameter), a clear error for the caller. */
  private static JsonArray ids(List<Long> taskIds) {
    return new JsonArray(taskIds == null ? new ArrayList<>() : new ArrayList<>(taskIds));
  }

  private static void putIfPresent(JsonObject body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }
}
