package io.ctiflow.sink;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/** The {@code siem:} component: one JSON line per indicator, as RFC 5424 syslog over TCP or appended to a file. */
@Component("siem")
public class SiemComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("siem: needs a name, e.g. siem:soc?host=127.0.0.1&port=6514");
        }
        SiemConfiguration configuration = new SiemConfiguration();
        SiemEndpoint endpoint = new SiemEndpoint(uri, this, remaining, configuration);
        setProperties(endpoint, parameters);
        configuration.validate("siem:" + remaining);
        return endpoint;
    }
}
