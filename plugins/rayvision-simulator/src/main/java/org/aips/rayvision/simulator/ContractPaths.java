package org.aips.rayvision.simulator;

/** The seed's endpoint paths (the default set), for tests that count requests; {@link Endpoint} has the SDK's too. */
public final class ContractPaths {

  public static final String QUERY_USER_PROFILE = Endpoint.QUERY_USER_PROFILE.seedPath();
  public static final String QUERY_USER_SETTING = Endpoint.QUERY_USER_SETTING.seedPath();
  public static final String GET_TRANSFER_BID = Endpoint.GET_TRANSFER_BID.seedPath();
  public static final String CREATE_TASK = Endpoint.CREATE_TASK.seedPath();
  public static final String SUBMIT_TASK = Endpoint.SUBMIT_TASK.seedPath();
  public static final String QUERY_ANALYSE_ERROR_DETAIL = Endpoint.QUERY_ANALYSE_ERROR_DETAIL.seedPath();
  public static final String GET_TASK_LIST = Endpoint.GET_TASK_LIST.seedPath();
  public static final String STOP_TASK = Endpoint.STOP_TASK.seedPath();
  public static final String START_TASK = Endpoint.START_TASK.seedPath();
  public static final String QUERY_TASK_FRAMES = Endpoint.QUERY_TASK_FRAMES.seedPath();
  public static final String RECOMMIT_FAIL_FRAME = Endpoint.RECOMMIT_FAIL_FRAME.seedPath();
  public static final String RECOMMIT_TASK_FRAMES = Endpoint.RECOMMIT_TASK_FRAMES.seedPath();
  public static final String QUERY_TASK_INFO = Endpoint.QUERY_TASK_INFO.seedPath();
  public static final String GET_SERVER_INFO = Endpoint.GET_SERVER_INFO.seedPath();
  public static final String GET_RAYSYNC_USER_KEY = Endpoint.GET_RAYSYNC_USER_KEY.seedPath();
  public static final String FULL_SPEED_RENDERING = Endpoint.FULL_SPEED_RENDERING.seedPath();
  public static final String GET_TRANSFER_CONFIG = Endpoint.GET_TRANSFER_CONFIG.seedPath();
  public static final String TASK_JSON_FILE = Endpoint.TASK_JSON_FILE.seedPath();
  public static final String GET_OUTPUT_USER_DIR_FILE = Endpoint.GET_OUTPUT_USER_DIR_FILE.seedPath();
  public static final String HARDWARE_CONFIG_LIST = Endpoint.HARDWARE_CONFIG_LIST.seedPath();

  private ContractPaths() {
  }
}
