package io.ctiflow.delivery;

import io.ctiflow.feed.BundleFiles;
import io.ctiflow.state.JdbcPublishLedger;
import io.ctiflow.state.PublishLedger;
import io.ctiflow.state.StateStore;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
/**
 * The delivery beans routes/common/ refers to: {@code publishLedger} (what each destination's
 * endpoints already received, table state_published of the state store), {@code ledgeredDelivery}
 * (the ledger as route steps), {@code deliveryRetries} (ctiflow-deliveries' retry decision) and
 * {@code bundleFiles} (bundle files to the outbox and the share, whole or not at all).
 */
public final class DeliveryConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camelContext) {
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        var registry = camelContext.getRegistry();
        // in the one state store (StateConfiguration binds it first)
        PublishLedger ledger = new JdbcPublishLedger(registry.lookupByNameAndType("stateStore", StateStore.class));
        registry.bind("publishLedger", ledger);
        registry.bind("ledgeredDelivery", new LedgeredDelivery(ledger));
        registry.bind("bundleFiles", new BundleFiles());
        registry.bind("deliveryRetries", new DeliveryRetries(
                Integer.parseInt(properties.resolveProperty("ctiflow.delivery.retries").orElse("10"))));
    }
}
