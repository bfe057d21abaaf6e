package org.aips.server.api;

import io.vertx.core.json.JsonObject;

/** A validated submission, ready to insert (images already in the blob store). */
record NewTask(String taskType, int vip, String queryCode, long keepSeconds,
               String styleImagePath, String contentImagePath, String styleImageMd5, String contentImageMd5,
               int quality, JsonObject params, String userId, double timeBudget, double secondsPerQueuedTask,
               String channel, String guideCode, String tokenHash, String host, String agent, int demandVisitTimes) {
}
