package io.ctiflow.ops;

import io.ctiflow.feed.Mappings;
import io.ctiflow.pipeline.PipelineHeaders;
import io.ctiflow.pipeline.SourceHealth;
import io.ctiflow.policy.Policy;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At start, the running routes whose feed (the constant they set the {@value FeedBatches#FEED}
 * header to, a connector's Kamelet included) is a source the policies' sources.yaml does not name:
 * the jurisdiction filter withholds every object of such a source, which otherwise only the audit
 * log would tell. Each is a WARN line naming source and file, and a detail of the source's health.
 */
final class SourcesMissingFromPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(SourcesMissingFromPolicy.class);
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{\\{([^}:?]+)}}");

    private SourcesMissingFromPolicy() {
    }

    /** Warns about and notes in {@code health} every running route's source without an entry; returns them by route id. */
    static Map<String, String> report(CamelContext context, Policy policy, Mappings mappings, SourceHealth health) {
        Map<String, String> missing = new LinkedHashMap<>();
        String file = policy.location() + "/sources.yaml";
        for (Route route : context.getRoutes()) {
            ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
            if (status == null || !status.isStarted()) {
                continue;
            }
            String source = source(context, route.getRouteId(), mappings);
            if (source != null && policy.source(source).isEmpty()) {
                missing.put(route.getRouteId(), source);
                String reason = "source '" + source + "' has no entry in " + file
                        + ", so the jurisdiction filter withholds every object it delivers";
                LOG.warn("route {}: {}; add it under sources: (ctiflow connector test prints the lines for a connector)",
                        route.getRouteId(), reason);
                health.withheld(route.getRouteId(), reason);
            }
        }
        return missing;
    }

    /** The source the route's objects carry: the name of the mapping its feed header names; null when it sets none we can read. */
    private static String source(CamelContext context, String routeId, Mappings mappings) {
        RouteDefinition definition = ((ModelCamelContext) context).getRouteDefinition(routeId);
        String feed = definition == null ? null : feedConstant(definition.getOutputs());
        if (feed == null) {
            return null;
        }
        try {
            String resolved = context.resolvePropertyPlaceholders(templateValues(feed, definition.getTemplateParameters()));
            return mappings.feed(resolved).name();
        } catch (RuntimeException e) {
            return null; // not resolvable before an exchange runs, or no such mapping: the route's own failures say so
        }
    }

    /** A Kamelet route's {@code {{property}}} replaced by the value its template was created with. */
    private static String templateValues(String text, Map<String, Object> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return text;
        }
        Matcher m = TEMPLATE_PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = parameters.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value.toString() : m.group()));
        }
        return m.appendTail(out).toString();
    }

    private static String feedConstant(List<ProcessorDefinition<?>> outputs) {
        for (ProcessorDefinition<?> step : outputs) {
            if (step instanceof SetHeaderDefinition set && PipelineHeaders.FEED.equals(set.getName())) {
                ExpressionDefinition expression = set.getExpression();
                if ("constant".equals(expression.getLanguage())) {
                    return expression.getExpression();
                }
            }
            String nested = feedConstant(step.getOutputs());
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }
}
