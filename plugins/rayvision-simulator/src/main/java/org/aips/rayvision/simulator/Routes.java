package org.aips.rayvision.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** What each call does. */
final class Routes {

  private Routes() {
  }

  static Map<Endpoint, Function<Params, Object>> of(Farm farm) {
    Map<Endpoint, Function<Params, Object>> routes = new EnumMap<>(Endpoint.class);
    routes.put(Endpoint.QUERY_USER_PROFILE, p -> AccountData.profile(Farm.USER_NAME));
    routes.put(Endpoint.QUERY_USER_SETTING, p -> AccountData.settings());
    routes.put(Endpoint.GET_TRANSFER_BID, p -> AccountData.transferBid());
    routes.put(Endpoint.GET_TRANSFER_CONFIG, p -> AccountData.transferConfig());
    routes.put(Endpoint.GET_SERVER_INFO, p -> AccountData.raysyncServerInfo());
    routes.put(Endpoint.GET_RAYSYNC_USER_KEY, p -> AccountData.raysyncUserKey());
    routes.put(Endpoint.QUERY_PLATFORMS, AccountData::platforms);
    routes.put(Endpoint.QUERY_SOFTWARE_LIST, p -> AccountData.softwareList());
    routes.put(Endpoint.QUERY_SOFTWARE_DETAIL, AccountData::softwareDetail);
    routes.put(Endpoint.QUERY_ANALYSE_ERROR_DETAIL, AccountData::analyseErrors);
    routes.put(Endpoint.HARDWARE_CONFIG_LIST, farm::hardwareConfigs);
    routes.put(Endpoint.CREATE_TASK, farm::createTask);
    routes.put(Endpoint.TASK_JSON_FILE, farm::uploadTaskJson);
    routes.put(Endpoint.SUBMIT_TASK, farm::submit);
    routes.put(Endpoint.QUERY_TASK_INFO, farm::taskInfo);
    routes.put(Endpoint.GET_TASK_LIST, farm::taskList);
    routes.put(Endpoint.QUERY_TASK_FRAMES, farm::taskFrames);
    routes.put(Endpoint.QUERY_ALL_FRAME_STATS, p -> farm.allFrameStats());
    routes.put(Endpoint.STOP_TASK, farm::stop);
    routes.put(Endpoint.START_TASK, farm::start);
    routes.put(Endpoint.ABANDON_TASK, farm::abandon);
    routes.put(Endpoint.DELETE_TASK, farm::delete);
    routes.put(Endpoint.UPDATE_TASK_USER_LEVEL, farm::updateUserLevel);
    routes.put(Endpoint.SET_TASK_OVERTIME_STOP, farm::setOverTimeStop);
    routes.put(Endpoint.FULL_SPEED_RENDERING, farm::fullSpeed);
    routes.put(Endpoint.RECOMMIT_FAIL_FRAME, farm::recommitFailed);
    routes.put(Endpoint.RECOMMIT_TASK_FRAMES, farm::recommitFrames);
    routes.put(Endpoint.STOP_TASK_FRAMES, farm::stopFrames);
    routes.put(Endpoint.SHOW_LOG, farm::showLog);
    routes.put(Endpoint.GET_OUTPUT_USER_DIR_FILE, farm::outputFiles);
    return routes;
  }
}
