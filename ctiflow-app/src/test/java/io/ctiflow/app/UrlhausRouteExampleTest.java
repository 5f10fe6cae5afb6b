package io.ctiflow.app;

import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/** The route test docs/running-the-routes.md shows: routes/urlhaus-http-to-stix-files.camel.yaml without its timer and network. */
@CtiflowRouteTestSupport.TestProperties({"ctiflow.feeds.urlhaus.enabled", "true"})
class UrlhausRouteExampleTest extends CtiflowRouteTestSupport {

    private static final Path SAMPLE = Path.of("connectors/abusech-urlhaus-source/samples/recent.input.csv");

    @Override
    public boolean isUseAdviceWith() {
        return true; // the context starts once the test has advised the route
    }

    @Test
    void thePulledFeedGoesToThePipelineAsUrlhaus() throws Exception {
        AdviceWith.adviceWith(context, "urlhaus-http-to-stix-files", route -> {
            route.replaceFromWith("direct:poll");                                  // the timer becomes a call
            route.weaveById("urlhaus-download").replace()                          // the HTTP call answers the sample
                    .setBody().constant(Files.readString(SAMPLE));
            route.mockEndpointsAndSkip("direct:feed-to-stix-files");               // the shared pipeline is a mock
        });
        context.start();

        MockEndpoint pipeline = getMockEndpoint("mock:direct:feed-to-stix-files");
        pipeline.expectedMessageCount(1);
        pipeline.expectedHeaderReceived("CtiflowFeed", "urlhaus");
        pipeline.message(0).header("CtiflowOrigin").regex("urlhaus-\\d{8}T\\d{6}\\.csv");
        pipeline.message(0).body(String.class).startsWith("####");

        template.sendBody("direct:poll", null);
        pipeline.assertIsSatisfied();
    }
}
