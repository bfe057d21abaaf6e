package org.aips.plugins.faceingest.api;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.FileUpload;
import org.aips.plugins.faceingest.ApiError;
import org.aips.plugins.faceingest.Settings;
import org.aips.plugins.faceingest.ingest.IngestConfig;

import java.util.List;

/**
 * The create form (seed 1.1), checked field by field: every refusal names the field and the
 * accepted values. An empty field takes its default, as an absent one does.
 */
record CreateForm(String groupName, IngestConfig config, FileUpload file) {

  static final int MAX_GROUP_NAME = 128;
  static final int MAX_ANGLE = 180;
  static final int MAX_SIZE = 100_000;

  static CreateForm parse(MultiMap form, List<FileUpload> uploads, Settings settings) {
    String group = groupName(form.get("group_name"));
    IngestConfig config = new IngestConfig(
        integer(form, "pos_pitch", 0, 0, MAX_ANGLE),
        integer(form, "pos_yaw", 0, 0, MAX_ANGLE),
        integer(form, "pos_rol", 0, 0, MAX_ANGLE),
        integer(form, "width", 0, 0, MAX_SIZE),
        integer(form, "height", 0, 0, MAX_SIZE),
        integer(form, "blur_degree", 0, 0, 100),
        integer(form, "thread_num", IngestConfig.DEFAULT_THREAD_NUM, 1, settings.maxThreadNum()),
        integer(form, "mode", 0, 0, 1));
    List<FileUpload> files = uploads.stream().filter(f -> "file".equals(f.name())).toList();
    if (files.isEmpty()) {
      throw ApiError.badRequest("file is required: the CSV of uri,tag,description, sent as a multipart file field named 'file'");
    }
    if (files.size() > 1) {
      throw ApiError.badRequest("send one file, not " + files.size());
    }
    FileUpload file = files.get(0);
    if (file.size() == 0) {
      throw ApiError.badRequest("the CSV file is empty");
    }
    if (file.size() > settings.maxCsvBytes()) {
      throw ApiError.tooLarge("the CSV file has " + file.size() + " bytes; the limit is " + settings.maxCsvBytes());
    }
    return new CreateForm(group, config, file);
  }

  /** Group names are also path segments of the groups API: any text without control characters or '/'. */
  static String groupName(String value) {
    if (value == null || value.isBlank()) {
      throw ApiError.badRequest("group_name is required");
    }
    String name = value.strip();
    if (name.length() > MAX_GROUP_NAME || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/')) {
      throw ApiError.badRequest("group_name must be 1-" + MAX_GROUP_NAME + " characters without '/' or control characters");
    }
    return name;
  }

  private static int integer(MultiMap form, String field, int fallback, int min, int max) {
    String value = form.get(field);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(field + " must be an integer, not '" + abbreviate(value) + "'");
    }
    if (parsed < min || parsed > max) {
      throw ApiError.badRequest(field + " must be within " + min + ".." + max + ", not " + parsed);
    }
    return parsed;
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
