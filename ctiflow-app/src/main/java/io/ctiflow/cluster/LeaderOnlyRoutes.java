package io.ctiflow.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.impl.cluster.ClusteredRouteFilter;
import org.apache.camel.model.RouteDefinition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks the routes that must run on one instance only: those whose consumer's scheme is listed in
 * {@code ctiflow.cluster.leader-only} (the pollers: misp, misp-feed, taxii, otx, imap(s), timer, ...).
 * By scheme rather than route id, so an operator's own polling routes are covered too.
 */
public final class LeaderOnlyRoutes implements ClusteredRouteFilter {

    private final Set<String> schemes;

    public LeaderOnlyRoutes(String schemes) {
        this.schemes = Arrays.stream(schemes.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean test(CamelContext context, String routeId, NamedNode node) {
        if (!(node instanceof RouteDefinition route) || route.getInput() == null) {
            return false;
        }
        return schemes.contains(scheme(context, route.getInput().getEndpointUri()));
    }

    /** The scheme of a consumer URI, its placeholders resolved ({{ctiflow.imap.protocol}}://...). */
    static String scheme(CamelContext context, String uri) {
        String resolved = context.resolvePropertyPlaceholders(uri);
        int colon = resolved.indexOf(':');
        return colon < 0 ? "" : resolved.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    }
}
