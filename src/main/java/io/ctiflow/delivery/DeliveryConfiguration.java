package io.ctiflow.delivery;

import io.ctiflow.state.JdbcPublishLedger;
import io.ctiflow.state.PublishLedger;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;

import java.nio.file.Path;

/**
 * The delivery beans routes/common/ refers to: {@code publishLedger} (what each destination's
 * endpoints already received, H2 file {@code <work>/state/published}), {@code ledgeredDelivery}
 * (the ledger as route steps), {@code deliveryRetries} (ctiflow-deliveries' retry decision) and
 * {@code bundleFiles} (bundle files to the outbox and the share, whole or not at all).
 */
public final class DeliveryConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camelContext) {
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        Path state = Path.of(properties.resolveProperty("ctiflow.work").orElse("work")).resolve("state");
        PublishLedger ledger = JdbcPublishLedger.h2File(state.resolve("published"));
        var registry = camelContext.getRegistry();
        registry.bind("publishLedger", ledger);
        registry.bind("ledgeredDelivery", new LedgeredDelivery(ledger));
        registry.bind("bundleFiles", new io.ctiflow.feed.BundleFiles());
        registry.bind("deliveryRetries", new DeliveryRetries(
                Integer.parseInt(properties.resolveProperty("ctiflow.delivery.retries").orElse("10"))));
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                ledger.close();
            }
        });
    }
}
