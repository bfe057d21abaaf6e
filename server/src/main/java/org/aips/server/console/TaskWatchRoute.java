package org.aips.server.console;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * {@code GET /api/task/{queryCode}/watch}: the caller's task, live, as server-sent events fed by the
 * task event stream (docs/console.md). Authenticated like every API route, by the x-token header: a
 * browser reads it with fetch() (EventSource cannot send headers), so no token travels in a URL.
 */
public final class TaskWatchRoute {

  private final Vertx vertx;
  private final ConsoleSettings settings;
  private final TaskViews views;
  private final TaskEventHub hub;

  public TaskWatchRoute(Vertx vertx, ConsoleSettings settings, TaskViews views) {
    this.vertx = vertx;
    this.settings = settings;
    this.views = views;
    this.hub = new TaskEventHub(vertx);
  }

  public void handle(RoutingContext rc) {
    if (hub.open() >= settings.maxWatchStreams()) {
      rc.fail(new HttpException(503, "this node already serves " + settings.maxWatchStreams()
          + " watch streams (console.watch.maxStreams); try again later"));
      return;
    }
    String uid = rc.user().principal().getValue("uid").toString(); // present: the x-token check requires it
    String queryCode = rc.pathParam("queryCode");
    views.find(queryCode, uid).onSuccess(first -> {
      TaskWatch watch = new TaskWatch(vertx, views, rc.response(), queryCode, uid, first, settings.watchRefreshMillis(), hub::remove);
      hub.add(watch);
      watch.start(first, settings.watchHeartbeatSeconds() * 1000L);
    }).onFailure(rc::fail);
  }
}
