package org.aips.rayvision.simulator;

import static org.aips.rayvision.simulator.FieldType.INTEGER;
import static org.aips.rayvision.simulator.FieldType.INTEGER_LIST;
import static org.aips.rayvision.simulator.FieldType.INTEGER_OR_STRING;
import static org.aips.rayvision.simulator.FieldType.STRING;
import static org.aips.rayvision.simulator.FieldType.STRING_LIST;

/**
 * Every call the simulator serves, under the seed's path and the current SDK's
 * ({@code rayvision_api/url.py}); calls the seed does not document have the SDK's path only.
 * Each has the request schema the farm is assumed to enforce.
 */
public enum Endpoint {
  QUERY_USER_PROFILE("/api/render/setUp/queryUserProfile", "/api/render/setUp/queryUserProfile", RequestSchema.none()),
  QUERY_USER_SETTING("/api/rendering/user/client/queryUserSetting", "/api/render/setUp/queryUserSetting", RequestSchema.none()),
  GET_TRANSFER_BID("/api/rendering/task/plugin/getPluginTransferBid", "/api/render/transfer/getBid", RequestSchema.none()),
  GET_TRANSFER_CONFIG("/api/render/transfer/getConfig", "/api/render/transfer/getConfig", RequestSchema.none()),
  GET_SERVER_INFO("/api/render/transfer/getServerInfo", "/api/render/transfer/getServerInfo",
      RequestSchema.none().optionalOneOf("zone", INTEGER, 1, 2)),
  GET_RAYSYNC_USER_KEY("/api/render/user/getRaySyncUserKey", "/api/render/transfer/getRaySyncUserKey", RequestSchema.none()),
  QUERY_PLATFORMS(null, "/api/render/common/queryPlatforms", RequestSchema.none().required("zone", INTEGER)),
  QUERY_SOFTWARE_LIST(null, "/api/render/plugin/querySoftwareList", RequestSchema.none()),
  QUERY_SOFTWARE_DETAIL(null, "/api/render/plugin/querySoftwareDetail",
      RequestSchema.none().required("cgId", INTEGER).requiredOneOf("osName", STRING, "windows", "linux")),
  CREATE_TASK("/api/render/task/createTask", "/api/render/submit/createTask", RequestSchema.none()
      .required("count", INTEGER).required("taskUserLevel", INTEGER).optional("outUserId", INTEGER)
      .optional("labels", STRING_LIST).optional("cloneOriginalId", INTEGER).optional("artist", STRING)),
  TASK_JSON_FILE("/api/render/submit/taskJsonFile", "/api/render/submit/taskJsonFile", RequestSchema.none()
      .required("taskId", INTEGER).requiredOneOf("fileName", STRING, "task.json", "upload.json", "asset.json", "tips.json")
      .required("content", STRING)),
  SUBMIT_TASK("/api/rendering/task/plugin/pluginSubmitTask", "/api/render/submit/task",
      RequestSchema.none().required("taskId", INTEGER).optional("producer", STRING)),
  QUERY_ANALYSE_ERROR_DETAIL("/api/render/submit/queryAnalyseErrorDetail", "/api/render/submit/queryAnalyseErrorDetail",
      RequestSchema.none().optional("code", STRING).optional("codes", STRING_LIST).optional("language", INTEGER_OR_STRING)),
  GET_TASK_LIST("/api/render/handle/getTaskList", "/api/render/handle/getTaskList/v2", RequestSchema.none()
      .optional("pageNum", INTEGER).optional("pageSize", INTEGER).optional("statusList", INTEGER_LIST)
      .optional("searchKeyword", STRING).optional("startTime", STRING).optional("endTime", STRING).optional("recycleFlag", INTEGER)),
  QUERY_TASK_INFO("/api/rendering/task/renderingTask/queryTaskInfo", "/api/render/handle/queryTaskInfo/v2",
      RequestSchema.none().required("taskIds", INTEGER_LIST)),
  QUERY_TASK_FRAMES("/api/render/handle/queryTaskFrames", "/api/render/handle/queryTaskFrames", RequestSchema.none()
      .required("taskId", INTEGER).optional("searchKeyword", STRING).optional("pageNum", INTEGER).optional("pageSize", INTEGER)),
  QUERY_ALL_FRAME_STATS(null, "/api/render/handle/queryAllFrameStats", RequestSchema.none()),
  STOP_TASK("/api/rendering/task/renderingTask/stopTask", "/api/rendering/task/renderingTask/stopTask", taskIds()),
  START_TASK("/api/render/handle/startTask", "/api/rendering/task/renderingTask/startTask", taskIds()),
  ABANDON_TASK(null, "/api/render/handle/abandonTask", taskIds()),
  DELETE_TASK(null, "/api/render/handle/deleteTask", taskIds()),
  UPDATE_TASK_USER_LEVEL(null, "/api/rendering/task/renderingTask/updateTaskUserLevel",
      RequestSchema.none().required("taskId", INTEGER).required("taskUserLevel", INTEGER)),
  SET_TASK_OVERTIME_STOP(null, "/api/render/handle/setTaskOverTimeStop", taskIds().required("overTime", INTEGER)),
  FULL_SPEED_RENDERING("/api/render/handle/fullSpeedRendering", "/api/render/handle/fullSpeedRendering", taskIds()),
  RECOMMIT_FAIL_FRAME("/api/rendering/task/renderingTask/recommitFailFrame", "/api/render/handle/recommitTasks",
      taskIds().optional("status", INTEGER_LIST)),
  RECOMMIT_TASK_FRAMES("/api/render/handle/recommitTaskFrames", "/api/render/handle/recommitTaskFrames", frameSelection()),
  STOP_TASK_FRAMES(null, "/api/render/handle/stopTaskFrames", frameSelection()),
  SHOW_LOG(null, "/api/render/handle/showLog", RequestSchema.none().required("renderingType", STRING)
      .required("pageNum", INTEGER).required("pageSize", INTEGER).required("id", INTEGER)),
  GET_OUTPUT_USER_DIR_FILE("/api/render/file/operate/getOutputUserDirFile", "/api/render/file/operate/getOutputUserDirFile",
      RequestSchema.none().optional("taskId", INTEGER).required("treePath", STRING)),
  HARDWARE_CONFIG_LIST("/api/render/hardwareConfig/list", "/api/render/hardwareConfig/list",
      RequestSchema.none().optionalOneOf("cloneTask", STRING, "true", "false").optional("taskIds", STRING_LIST));

  private final String seedPath;
  private final String sdkPath;
  private final RequestSchema schema;

  Endpoint(String seedPath, String sdkPath, RequestSchema schema) {
    this.seedPath = seedPath == null ? sdkPath : seedPath;
    this.sdkPath = sdkPath;
    this.schema = schema;
  }

  public String seedPath() {
    return seedPath;
  }

  public String sdkPath() {
    return sdkPath;
  }

  RequestSchema schema() {
    return schema;
  }

  private static RequestSchema taskIds() {
    return RequestSchema.none().required("taskIds", INTEGER_LIST);
  }

  /** recommitTaskFrames and stopTaskFrames; the SDK's schema spells the frame ids "Ids", its operators send "ids". */
  private static RequestSchema frameSelection() {
    return RequestSchema.none().optional("taskId", INTEGER).optional("ids", INTEGER_LIST).optional("selectAll", INTEGER)
        .optional("status", INTEGER_LIST);
  }
}
