package org.aips.plugins.vcs;

import org.pf4j.Plugin;

/**
 * The video compute service of seed 001: the HTTP API ({@code api.VcsApi}), the service that
 * stores events and starts scheduled tasks ({@code task.VcsService}), and the per-device analysis
 * task type ({@code analysis.DeviceAnalysisTaskType}). Its schema's migrations are in
 * {@code aips/db/migration}. Holds no resources of its own.
 */
public class VcsPlugin extends Plugin {
}
