package org.aips.plugins.rayvision.client;

/**
 * Every call the client makes, with its path in each {@link PathSet} and whether repeating it is
 * harmless. Calls the seed does not document use the SDK's path in both sets. A deployment can
 * still override any path in {@link ClientOptions#paths()}.
 */
public enum Operation {
  QUERY_USER_PROFILE("/api/render/setUp/queryUserProfile", "/api/render/setUp/queryUserProfile", true),
  QUERY_USER_SETTING("/api/rendering/user/client/queryUserSetting", "/api/render/setUp/queryUserSetting", true),
  GET_TRANSFER_BID("/api/rendering/task/plugin/getPluginTransferBid", "/api/render/transfer/getBid", true),
  GET_TRANSFER_CONFIG("/api/render/transfer/getConfig", "/api/render/transfer/getConfig", true),
  GET_RAYSYNC_SERVER_INFO("/api/render/transfer/getServerInfo", "/api/render/transfer/getServerInfo", true),
  GET_RAYSYNC_USER_KEY("/api/render/user/getRaySyncUserKey", "/api/render/transfer/getRaySyncUserKey", true),
  QUERY_PLATFORMS(null, "/api/render/common/queryPlatforms", true),
  QUERY_SOFTWARE_LIST(null, "/api/render/plugin/querySoftwareList", true),
  QUERY_SOFTWARE_DETAIL(null, "/api/render/plugin/querySoftwareDetail", true),
  CREATE_TASK("/api/render/task/createTask", "/api/render/submit/createTask", false),
  UPLOAD_TASK_JSON("/api/render/submit/taskJsonFile", "/api/render/submit/taskJsonFile", true),
  SUBMIT_TASK("/api/rendering/task/plugin/pluginSubmitTask", "/api/render/submit/task", false),
  QUERY_ANALYSE_ERROR_DETAIL("/api/render/submit/queryAnalyseErrorDetail", "/api/render/submit/queryAnalyseErrorDetail", true),
  GET_TASK_LIST("/api/render/handle/getTaskList", "/api/render/handle/getTaskList/v2", true),
  QUERY_TASK_INFO("/api/rendering/task/renderingTask/queryTaskInfo", "/api/render/handle/queryTaskInfo/v2", true),
  QUERY_TASK_FRAMES("/api/render/handle/queryTaskFrames", "/api/render/handle/queryTaskFrames", true),
  QUERY_ALL_FRAME_STATS(null, "/api/render/handle/queryAllFrameStats", true),
  STOP_TASK("/api/rendering/task/renderingTask/stopTask", "/api/rendering/task/renderingTask/stopTask", true),
  START_TASK("/api/render/handle/startTask", "/api/rendering/task/renderingTask/startTask", true),
  ABANDON_TASK(null, "/api/render/handle/abandonTask", true),
  DELETE_TASK(null, "/api/render/handle/deleteTask", true),
  UPDATE_TASK_USER_LEVEL(null, "/api/rendering/task/renderingTask/updateTaskUserLevel", true),
  SET_TASK_OVERTIME_STOP(null, "/api/render/handle/setTaskOverTimeStop", true),
  FULL_SPEED_RENDERING("/api/render/handle/fullSpeedRendering", "/api/render/handle/fullSpeedRendering", true),
  RECOMMIT_FAILED_FRAMES("/api/rendering/task/renderingTask/recommitFailFrame", "/api/render/handle/recommitTasks", false),
  RECOMMIT_FRAMES("/api/render/handle/recommitTaskFrames", "/api/render/handle/recommitTaskFrames", false),
  STOP_FRAMES(null, "/api/render/handle/stopTaskFrames", true),
  SHOW_LOG(null, "/api/render/handle/showLog", true),
  GET_OUTPUT_FILES("/api/render/file/operate/getOutputUserDirFile", "/api/render/file/operate/getOutputUserDirFile", true),
  LIST_HARDWARE_CONFIGS("/api/render/hardwareConfig/list", "/api/render/hardwareConfig/list", true);

  private final String seedPath;
  private final String sdkPath;
  private final boolean idempotent;

  Operation(String seedPath, String sdkPath, boolean idempotent) {
    this.seedPath = seedPath == null ? sdkPath : seedPath;
    this.sdkPath = sdkPath;
    this.idempotent = idempotent;
  }

  public String path(PathSet set) {
    return set == PathSet.SDK ? sdkPath : seedPath;
  }

  /** The seed's path (the default set). */
  public String defaultPath() {
    return seedPath;
  }

  /** True when doing the call twice has the same effect as once, so a retry after an unclear failure is safe. */
  public boolean idempotent() {
    return idempotent;
  }
}
