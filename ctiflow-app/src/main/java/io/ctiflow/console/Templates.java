package io.ctiflow.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** The console's pages: Mustache templates of the classpath's console/ folder, compiled once; every {{value}} is HTML-escaped. */
final class Templates {

    private final MustacheFactory factory = new DefaultMustacheFactory("console");

    /** The page {@code name}.mustache with the page frame's values (user, role, CSRF token, navigation) added. */
    String render(String name, WebRequest request, Map<String, Object> values) {
        Map<String, Object> scope = new HashMap<>(values);
        Sessions.Session session = request.session();
        if (session != null) {
            scope.put("user", session.user());
            scope.put("role", session.role().word());
            scope.put("csrf", session.csrfToken());
            scope.put("nav", Navigation.links(session.role(), request.path()));
        }
        StringWriter out = new StringWriter();
        factory.compile(name + ".mustache").execute(out, scope);
        return out.toString();
    }
}
