package org.aips.plugins.filestats;

import org.pf4j.Plugin;

/**
 * The reference service plugin: its extensions are an HTTP API ({@link FileStatsApi}), a service
 * ({@link FileStatsService}) and a task type ({@link FileStatsTaskType}); its schema's migrations
 * are in {@code aips/db/migration}. Holds no resources of its own.
 */
public class FileStatsPlugin extends Plugin {
}
