package org.aips.rayvision.simulator;

/** The endpoint paths the simulator serves: the seed's paths, and ours where the seed names none. */
public final class ContractPaths {

  public static final String QUERY_USER_PROFILE = "/api/render/setUp/queryUserProfile";
  public static final String QUERY_USER_SETTING = "/api/rendering/user/client/queryUserSetting";
  public static final String GET_TRANSFER_BID = "/api/rendering/task/plugin/getPluginTransferBid";
  public static final String CREATE_TASK = "/api/render/task/createTask";
  public static final String SUBMIT_TASK = "/api/rendering/task/plugin/pluginSubmitTask";
  public static final String QUERY_ANALYSE_ERROR_DETAIL = "/api/render/submit/queryAnalyseErrorDetail";
  public static final String GET_TASK_LIST = "/api/render/handle/getTaskList";
  public static final String STOP_TASK = "/api/rendering/task/renderingTask/stopTask";
  public static final String START_TASK = "/api/render/handle/startTask";
  public static final String QUERY_TASK_FRAMES = "/api/render/handle/queryTaskFrames";
  public static final String RECOMMIT_FAIL_FRAME = "/api/rendering/task/renderingTask/recommitFailFrame";
  public static final String RECOMMIT_TASK_FRAMES = "/api/render/handle/recommitTaskFrames";
  /** The seed names no path for this call. */
  public static final String RECOMMIT_FRAMES_BY_INDEX = "/api/render/handle/recommitTaskFramesByIndex";
  public static final String QUERY_TASK_INFO = "/api/rendering/task/renderingTask/queryTaskInfo";
  public static final String GET_SERVER_INFO = "/api/render/transfer/getServerInfo";
  public static final String GET_RAYSYNC_USER_KEY = "/api/render/user/getRaySyncUserKey";
  public static final String FULL_SPEED_RENDERING = "/api/render/handle/fullSpeedRendering";
  public static final String GET_TRANSFER_CONFIG = "/api/render/transfer/getConfig";
  public static final String TASK_JSON_FILE = "/api/render/submit/taskJsonFile";
  public static final String GET_OUTPUT_USER_DIR_FILE = "/api/render/file/operate/getOutputUserDirFile";
  /** The seed names no path for this call. */
  public static final String QUERY_SUB_TASK_IDS = "/api/render/handle/querySubTaskIds";
  public static final String HARDWARE_CONFIG_LIST = "/api/render/hardwareConfig/list";

  private ContractPaths() {
  }
}
