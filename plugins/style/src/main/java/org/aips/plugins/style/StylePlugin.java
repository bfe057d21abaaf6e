package org.aips.plugins.style;

import org.pf4j.Plugin;

/** Entry point named by the {@code Plugin-Class} manifest entry; the task types are pf4j extensions. */
public class StylePlugin extends Plugin {
}
