package org.aips.plugins.rayvision;

import org.pf4j.Plugin;

/** The pf4j entry point; the plugin holds no resources of its own (clients use the host's WebClient). */
public final class RayvisionPlugin extends Plugin {
}
