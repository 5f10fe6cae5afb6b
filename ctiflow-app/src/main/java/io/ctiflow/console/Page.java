package io.ctiflow.console;

import java.io.IOException;
import java.util.Set;

/**
 * One page (or download) of the console: where it answers, who may see it (the roles of its menu entry, so
 * the menu and the server's 403 never disagree), what it shows from the pipeline's {@link ConsoleSources}.
 */
abstract class Page {

    final ConsoleSources sources;
    final Templates templates;
    private final String path;
    private final Set<Role> roles;

    /** @param menuPath the menu entry whose roles apply (a download or a chart's data goes with its page) */
    Page(String path, String menuPath, ConsoleSources sources, Templates templates) {
        this.path = path;
        this.roles = Navigation.rolesOf(menuPath);
        this.sources = sources;
        this.templates = templates;
    }

    final String path() {
        return path;
    }

    /** The roles allowed; anyone else logged in gets 403. */
    final Set<Role> roles() {
        return roles;
    }

    abstract void handle(WebRequest request) throws IOException;
}
