package org.aips.server.api;

import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.Map;

/** A request's checked parts, as vertx-openapi's public interfaces describe them (its own implementations are internal). */
record ValidatedParts(Map<String, RequestParameter> cookies, Map<String, RequestParameter> headers,
                      Map<String, RequestParameter> path, Map<String, RequestParameter> query,
                      RequestParameter body) implements ValidatedRequest {

  /** One checked value: what the contract's transformers made of the raw text (null when absent). */
  record Value(Object value) implements RequestParameter {
    @Override
    public Object get() {
      return value;
    }
  }

  static final Value ABSENT = new Value(null);

  @Override public Map<String, RequestParameter> getCookies() { return cookies; }
  @Override public Map<String, RequestParameter> getPathParameters() { return path; }
  @Override public Map<String, RequestParameter> getQuery() { return query; }
  @Override public Map<String, RequestParameter> getHeaders() { return headers; }
  @Override public RequestParameter getBody() { return body; }
}
