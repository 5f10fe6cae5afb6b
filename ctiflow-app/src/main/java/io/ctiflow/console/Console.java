package io.ctiflow.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Assembles the web console: its pages over the pipeline's objects, behind the users' logins. */
public final class Console {

    private Console() {
    }

    public static ConsoleServer create(String host, int port, ConsoleUsers users, Duration idle, ConsoleSources sources) throws IOException {
        Templates templates = new Templates();
        List<Page> pages = List.of(new OverviewPage(sources, templates), new OverviewData(sources), new DecisionsPage(sources, templates),
                TransfersPage.table(sources, templates), TransfersPage.download(sources), new DeadLettersPage(sources, templates),
                new CollectionsPage(sources, templates), new PolicyPage(sources, templates));
        return new ConsoleServer(host, port, users, new Sessions(idle, Clock.systemUTC()), templates, pages);
    }
}
