package io.ctiflow.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The console's menu: only the pages the user's role may open, the current one marked for screen readers. */
final class Navigation {

    private record Link(String path, String title, Set<Role> roles) {
    }

    private static final List<Link> LINKS = List.of(
            new Link("/", "Overview", Set.of(Role.OPERATOR, Role.COMPLIANCE)),
            new Link("/decisions", "Decisions", Set.of(Role.COMPLIANCE)),
            new Link("/transfers", "Transfers", Set.of(Role.COMPLIANCE)),
            new Link("/dead-letters", "Dead letters", Set.of(Role.OPERATOR)),
            new Link("/collections", "Collections", Set.of(Role.OPERATOR)),
            new Link("/policy", "Policy", Set.of(Role.COMPLIANCE)));

    private Navigation() {
    }

    static List<Map<String, Object>> links(Role role, String current) {
        List<Map<String, Object>> links = new ArrayList<>();
        for (Link link : LINKS) {
            if (link.roles().contains(role)) {
                links.add(Map.of("path", link.path(), "title", link.title(), "current", link.path().equals(current)));
            }
        }
        return links;
    }

    static Set<Role> rolesOf(String path) {
        return LINKS.stream().filter(l -> l.path().equals(path)).findFirst().map(Link::roles).orElseThrow();
    }
}
