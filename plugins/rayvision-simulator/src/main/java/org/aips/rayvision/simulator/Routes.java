package org.aips.rayvision.simulator;

import java.util.Map;
import java.util.function.Function;

import static java.util.Map.entry;
import static org.aips.rayvision.simulator.ContractPaths.*;

/** Which call each path is. */
final class Routes {

  private Routes() {
  }

  static Map<String, Function<Params, Object>> of(Farm farm) {
    return Map.ofEntries(
        entry(QUERY_USER_PROFILE, p -> AccountData.profile(Farm.USER_NAME)),
        entry(QUERY_USER_SETTING, p -> AccountData.settings()),
        entry(GET_TRANSFER_BID, p -> AccountData.transferBid()),
        entry(GET_TRANSFER_CONFIG, p -> AccountData.transferConfig()),
        entry(GET_SERVER_INFO, p -> AccountData.raysyncServerInfo()),
        entry(GET_RAYSYNC_USER_KEY, p -> AccountData.raysyncUserKey()),
        entry(QUERY_ANALYSE_ERROR_DETAIL, AccountData::analyseErrors),
        entry(HARDWARE_CONFIG_LIST, farm::hardwareConfigs),
        entry(CREATE_TASK, farm::createTask),
        entry(TASK_JSON_FILE, farm::uploadTaskJson),
        entry(SUBMIT_TASK, farm::submit),
        entry(QUERY_TASK_INFO, farm::taskInfo),
        entry(GET_TASK_LIST, farm::taskList),
        entry(QUERY_TASK_FRAMES, farm::taskFrames),
        entry(STOP_TASK, farm::stop),
        entry(START_TASK, farm::start),
        entry(FULL_SPEED_RENDERING, farm::fullSpeed),
        entry(RECOMMIT_FAIL_FRAME, farm::recommitFailed),
        entry(RECOMMIT_TASK_FRAMES, farm::recommitById),
        entry(RECOMMIT_FRAMES_BY_INDEX, farm::recommitByIndex),
        entry(QUERY_SUB_TASK_IDS, farm::subTaskIds),
        entry(GET_OUTPUT_USER_DIR_FILE, farm::outputFiles));
  }
}
