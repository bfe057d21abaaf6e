package org.aips.plugins.faceingest.ingest;

import org.aips.plugins.faceingest.Settings;
import org.aips.plugins.faceingest.store.IngestTasks;
import org.aips.plugins.faceingest.store.RowRecorder;
import org.aips.spi.HostTasks;

/** What every ingestion run on a node shares: the settings, the stores, the row pipeline and the host's task API. */
record RunParts(Settings settings, IngestTasks tasks, RowRecorder recorder, RowPipeline pipeline, HostTasks hostTasks) {
}
