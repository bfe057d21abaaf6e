package org.aips.plugins.example;

import org.pf4j.Plugin;

/**
 * Entry point named by the {@code Plugin-Class} manifest entry. The plugin holds no resources of
 * its own, so pf4j's default start and stop are enough; its task types are found through
 * {@code META-INF/extensions.idx}.
 */
public class ExamplePlugin extends Plugin {
}
