package io.ctiflow.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The route test docs/running-the-routes.md shows is UrlhausRouteExampleTest as it is in the suite, so the example runs. */
class RouteTestGuideTest {

    @Test
    void theGuideQuotesTheExampleTestAsItIs() throws IOException {
        String guide = Files.readString(Path.of("docs/running-the-routes.md"));
        String example = Files.readString(Path.of("ctiflow-app/src/test/java/io/ctiflow/app/UrlhausRouteExampleTest.java"));
        assertThat(guide).as("docs/running-the-routes.md, section Testing a route, is stale: paste UrlhausRouteExampleTest.java into it")
                .contains("```java\n" + example + "```\n");
    }
}
