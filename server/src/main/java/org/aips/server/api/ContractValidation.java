package org.aips.server.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST;

/**
 * Checks a request against its operation in the contract, step for step as vertx-openapi's
 * {@code RequestValidator} does (same transformers, analysers, exceptions and validated-request key), but on
 * the event loop and with each schema's validator built once at start-up.
 *
 * <p>Why not the library's: in 5.0.x it runs every request on an <em>ordered</em> worker (so one
 * request at a time per verticle) and builds a new validator, copying the whole schema table, for every
 * parameter of every request. Measured on {@code query-task}: under 2,000 req/s, 40% of CPU in that copy.
 * Validating a small request takes microseconds; it does not need a worker.
 */
final class ContractValidation {

  private static final Map<Style, ParameterTransformer> TRANSFORMERS = new EnumMap<>(Map.of(
      Style.SIMPLE, new SimpleTransformer(), Style.LABEL, new LabelTransformer(),
      Style.MATRIX, new MatrixTransformer(), Style.FORM, new FormTransformer()));

  /** Keywords a plain string schema may have for {@link #plainStringCheck} to stand in for the validator. */
  private static final Set<String> PLAIN_STRING_KEYWORDS = Set.of("type", "pattern", "minLength", "maxLength",
      "description", "example", "examples", "title");

  private final OpenAPIContract contract;
  private final RequestExtractor extractor;
  /** Built once per schema object: validators are immutable and safe to share between event loops. */
  private final Map<Object, Validator> validators = new IdentityHashMap<>();
  private final Map<Parameter, Predicate<Object>> plainStringChecks = new IdentityHashMap<>();
  /**
   * Operations with no body and only simple-style path parameters ({@code query-task}, ...), when the router matched each
   * operation's own path (so its path parameters are the router's); empty for a plugin's contract, checked in front of
   * the plugin's router.
   */
  private final Set<Operation> pathOnly = Collections.newSetFromMap(new IdentityHashMap<>());

  ContractValidation(OpenAPIContract contract, RequestExtractor extractor, boolean routedByOperation) {
    this.contract = contract;
    this.extractor = extractor;
    contract.operations().forEach(operation -> {
      operation.getParameters().forEach(p -> {
        validators.put(p, validator(p.getSchema()));
        plainStringCheck(p.getSchema()).ifPresent(check -> plainStringChecks.put(p, check));
      });
      if (routedByOperation && operation.getRequestBody() == null && operation.getParameters().stream()
          .allMatch(p -> p.getIn() == Location.PATH && p.getStyle() == Style.SIMPLE)) {
        pathOnly.add(operation);
      }
      RequestBody body = operation.getRequestBody();
      if (body != null) {
        body.getContent().values().stream().filter(ContractValidation::hasSchema)
            .forEach(media -> validators.put(media, validator(media.getSchema())));
      }
    });
  }

  /** The handler to put in front of {@code operationId}'s own handlers (with the library's validation switched off). */
  Handler<RoutingContext> handler(String operationId) {
    return handler(contract.operation(operationId));
  }

  Handler<RoutingContext> handler(Operation operation) {
    if (!pathOnly.contains(operation)) {
      return rc -> extractAndValidate(operation, rc);
    }
    return rc -> {
      try {
        rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, pathParameters(operation, rc));
      } catch (ValidatorException e) {
        rc.fail(new HttpException(BAD_REQUEST.code(), e.getMessage(), e));
        return;
      }
      rc.next();
    };
  }

  /**
   * A path-only operation's parameters checked as {@link #validate} checks them, but read from the router's path
   * parameters (the values its handler reads): the library's extraction copies the request's headers, query and path
   * into maps first, a tenth of {@code query-task}'s time.
   */
  private ValidatedParts pathParameters(Operation operation, RoutingContext rc) {
    Map<String, RequestParameter> path = new HashMap<>();
    for (Parameter p : operation.getParameters()) {
      path.put(p.getName(), parameter(p, new ValidatedParts.Value(rc.pathParam(p.getName()))));
    }
    return new ValidatedParts(Map.of(), Map.of(), path, Map.of(), ValidatedParts.ABSENT);
  }

  private void extractAndValidate(Operation operation, RoutingContext rc) {
    extractor.extractValidatableRequest(rc, operation).onComplete(extracted -> {
      if (extracted.failed()) {
        rc.fail(extracted.cause());
        return;
      }
      try {
        rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validate(operation, extracted.result()));
      } catch (ValidatorException e) {
        rc.fail(new HttpException(BAD_REQUEST.code(), e.getMessage(), e));
        return;
      }
      rc.next();
    });
  }

  private ValidatedParts validate(Operation operation, ValidatableRequest request) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter p : operation.getParameters()) {
      switch (p.getIn()) {
        case COOKIE -> cookies.put(p.getName(), parameter(p, request.getCookies().get(p.getName())));
        case HEADER -> headers.put(p.getName(), parameter(p, request.getHeaders().get(p.getName())));
        case PATH -> path.put(p.getName(), parameter(p, request.getPathParameters().get(p.getName())));
        case QUERY -> query.put(p.getName(), parameter(p, request.getQuery().get(p.getName())));
      }
    }
    return new ValidatedParts(cookies, headers, path, query, body(operation.getRequestBody(), request));
  }

  private RequestParameter parameter(Parameter p, RequestParameter value) {
    if (value == null || value.isNull()) {
      if (p.isRequired()) {
        throw ValidatorException.createMissingRequiredParameter(p);
      }
      return ValidatedParts.ABSENT;
    }
    String raw = String.valueOf(value.get());
    Predicate<Object> plain = plainStringChecks.get(p);
    if (plain != null && p.getStyle() == Style.SIMPLE && plain.test(raw)) {
      return new ValidatedParts.Value(raw); // a simple-style string is its raw text
    }
    ParameterTransformer transformer = TRANSFORMERS.get(p.getStyle());
    if (transformer == null) {
      throw ValidatorException.createUnsupportedValueFormat(p);
    }
    Object transformed = transformer.transform(p, raw);
    OutputUnit result = validators.get(p).validate(transformed);
    try {
      result.checkValidity();
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createErrorFromOutputUnitType(p, result, e);
    }
    return new ValidatedParts.Value(transformed);
  }

  private RequestParameter body(RequestBody spec, ValidatableRequest request) {
    if (spec == null) {
      return ValidatedParts.ABSENT;
    }
    if (request.getBody() == null || request.getBody().isEmpty()) {
      if (spec.isRequired() && !isStreamed(spec, request) && !isParsedForm(spec, request)) {
        throw new ValidatorException("The related request does not contain the required body.",
            ValidatorErrorType.MISSING_REQUIRED_PARAMETER);
      }
      return ValidatedParts.ABSENT;
    }
    MediaType media = spec.determineContentType(request.getContentType());
    Buffer content = request.getBody().getBuffer(Buffer.buffer());
    ContentAnalyser analyser = media == null ? null
        : ContentAnalyser.getContentAnalyser(media, request.getContentType(), content, ValidationContext.REQUEST);
    if (analyser == null) {
      throw new ValidatorException("The format of the request body is not supported", ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT);
    }
    analyser.checkSyntacticalCorrectness();
    Validator validator = validators.get(media);
    if (validator == null) {
      return new ValidatedParts.Value(content);
    }
    Object value = analyser.transform();
    OutputUnit result = validator.validate(value);
    try {
      result.checkValidity();
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, e);
    }
    return new ValidatedParts.Value(value);
  }

  private Validator validator(JsonSchema schema) {
    return contract.getSchemaRepository().validator(schema);
  }

  /**
   * For a schema that is just a string with a pattern and/or length bounds, a check with the pattern
   * compiled once (the JSON Schema validator compiles it on every call, and the transformer first tries,
   * and fails, to parse the text as JSON). It only accepts: a value it rejects takes the library's path,
   * for the library's error message.
   */
  private static Optional<Predicate<Object>> plainStringCheck(JsonSchema schema) {
    boolean plain = "string".equals(schema.get("type")) && schema.fieldNames().stream()
        .allMatch(key -> PLAIN_STRING_KEYWORDS.contains(key) || key.startsWith("__"));
    if (!plain) {
      return Optional.empty();
    }
    String regex = schema.get("pattern");
    Pattern pattern = regex == null ? null : Pattern.compile(regex);
    Number min = schema.get("minLength");
    Number max = schema.get("maxLength");
    return Optional.of(value -> value instanceof String text
        && (min == null || text.codePointCount(0, text.length()) >= min.longValue())
        && (max == null || text.codePointCount(0, text.length()) <= max.longValue())
        && (pattern == null || pattern.matcher(text).find()));
  }

  /**
   * A plugin's upload: an application/octet-stream (or image/*) body declared as a bare binary string is left
   * unread for the handler to stream (docs/plugins.md), so there is nothing to check here.
   */
  private static boolean isStreamed(RequestBody spec, ValidatableRequest request) {
    String type = request.getContentType();
    if (type == null || !isBinary(type)) {
      return false;
    }
    // OpenAPI documents here can only name application/octet-stream (the contract library knows no image types): an
    // image body goes where the operation takes an octet stream
    MediaType media = spec.determineContentType(type.toLowerCase().startsWith("image/") ? "application/octet-stream" : type);
    return media != null && !hasSchema(media);
  }

  /** Bodies left unread for a plugin to stream: application/octet-stream and image types. */
  static boolean isBinary(String contentType) {
    String type = contentType.toLowerCase();
    return type.startsWith("application/octet-stream") || type.startsWith("image/");
  }

  /**
   * A multipart form the body handler has already split into fields and files on disk (plugin
   * routes: large files never sit in memory); its raw bytes are gone, so its parts are the
   * handler's to check.
   */
  private static boolean isParsedForm(RequestBody spec, ValidatableRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase().startsWith("multipart/form-data") && spec.determineContentType(type) != null;
  }

  /** As the library decides: no schema, or a bare binary string, means the body is passed through unchecked. */
  private static boolean hasSchema(MediaType media) {
    if (media.getSchema() == null) {
      return false;
    }
    boolean bareBinary = "string".equalsIgnoreCase(media.getSchema().get("type"))
        && "binary".equalsIgnoreCase(media.getSchema().get("format"))
        && media.getSchema().fieldNames().size() == 2;
    return !bareBinary;
  }
}
