package org.aips.plugins.rayvision.client;

/**
 * Every call of the contract, with its default path (the seed's) and whether repeating it is
 * harmless. Deployments whose paths differ override them in {@link ClientOptions#paths()}.
 */
public enum Operation {
  QUERY_USER_PROFILE("/api/render/setUp/queryUserProfile", true),
  QUERY_USER_SETTING("/api/rendering/user/client/queryUserSetting", true),
  GET_TRANSFER_BID("/api/rendering/task/plugin/getPluginTransferBid", true),
  GET_TRANSFER_CONFIG("/api/render/transfer/getConfig", true),
  GET_RAYSYNC_SERVER_INFO("/api/render/transfer/getServerInfo", true),
  GET_RAYSYNC_USER_KEY("/api/render/user/getRaySyncUserKey", true),
  CREATE_TASK("/api/render/task/createTask", false),
  UPLOAD_TASK_JSON("/api/render/submit/taskJsonFile", true),
  SUBMIT_TASK("/api/rendering/task/plugin/pluginSubmitTask", false),
  QUERY_ANALYSE_ERROR_DETAIL("/api/render/submit/queryAnalyseErrorDetail", true),
  GET_TASK_LIST("/api/render/handle/getTaskList", true),
  QUERY_TASK_INFO("/api/rendering/task/renderingTask/queryTaskInfo", true),
  QUERY_TASK_FRAMES("/api/render/handle/queryTaskFrames", true),
  STOP_TASK("/api/rendering/task/renderingTask/stopTask", true),
  START_TASK("/api/render/handle/startTask", true),
  FULL_SPEED_RENDERING("/api/render/handle/fullSpeedRendering", true),
  RECOMMIT_FAILED_FRAMES("/api/rendering/task/renderingTask/recommitFailFrame", false),
  RECOMMIT_FRAMES_BY_ID("/api/render/handle/recommitTaskFrames", false),
  /** The seed names no path for this call; ours is a default to override. */
  RECOMMIT_FRAMES_BY_INDEX("/api/render/handle/recommitTaskFramesByIndex", false),
  /** The seed names no path for this call; ours is a default to override. */
  QUERY_SUB_TASK_IDS("/api/render/handle/querySubTaskIds", true),
  GET_OUTPUT_FILES("/api/render/file/operate/getOutputUserDirFile", true),
  LIST_HARDWARE_CONFIGS("/api/render/hardwareConfig/list", true);

  private final String defaultPath;
  private final boolean idempotent;

  Operation(String defaultPath, boolean idempotent) {
    this.defaultPath = defaultPath;
    this.idempotent = idempotent;
  }

  public String defaultPath() {
    return defaultPath;
  }

  /** True when doing the call twice has the same effect as once, so a retry after an unclear failure is safe. */
  public boolean idempotent() {
    return idempotent;
  }
}
