package io.ctiflow.console;

import java.io.IOException;
import java.util.Set;

/** One page (or download) of the console: where it answers, who may see it, what it shows. */
interface Page {

    String path();

    /** The roles allowed; anyone else logged in gets 403. */
    Set<Role> roles();

    void handle(WebRequest request) throws IOException;
}
