package io.ctiflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a command of an unpacked image root the way a container runtime does, without one: in new mount and PID
 * namespaces (unshare), /proc and /dev mounted, a host name of its own and an /etc/hosts naming it (H2's
 * AUTO_SERVER looks the host name up), a tmpfs on /tmp, a host folder on the work volume, the root itself
 * read-only (as docker run --read-only), only the image's environment, chrooted as the image's user.
 * As root that is a real user switch; otherwise a user namespace maps us to root inside, and the user stays 0.
 */
final class ImageRoot {

    /** Set up the mounts, prove the root is read-only, then hand over to chroot. */
    private static final String MOUNTS = """
            set -eu
            r="$1" work="$2" hosts="$3"; shift 3
            hostname ctiflow
            mount --bind "$r" "$r"
            mount --bind "$hosts" "$r/etc/hosts"
            mount -t proc proc "$r/proc"
            mount --rbind /dev "$r/dev"
            mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
            mount --bind "$work" "$r/var/lib/ctiflow"
            mount -o remount,bind,ro "$r"
            if touch "$r/opt/write-probe" 2>/dev/null; then echo "ImageRoot: the root is writable" >&2; exit 99; fi
            exec "$@"
            """;

    record Run(int code, String out) {
    }

    private final Path root;
    private final JsonNode config;
    private final Path work;

    ImageRoot(Path root, JsonNode config, Path work) {
        this.root = root;
        this.config = config;
        this.work = work;
    }

    /** The image's entrypoint with these arguments in place of its Cmd (none: the Cmd), to its end. */
    Run run(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(List.of(), List.of(args))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    /**
     * The entrypoint left running, output to log, environment variables added as docker run -e does. Its
     * descendant is the JVM; should unshare die first, the JVM gets SIGTERM (--kill-child).
     */
    Process start(List<String> env, Path log, String... args) throws IOException {
        return new ProcessBuilder(command(env, List.of(args))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private List<String> command(List<String> env, List<String> args) throws IOException {
        for (String mountPoint : List.of("proc", "dev")) {
            Files.createDirectories(root.resolve(mountPoint));   // a runtime makes these; the image has none
        }
        if (!Files.exists(root.resolve("etc/hosts"))) {
            Files.createFile(root.resolve("etc/hosts"));
        }
        Path hosts = Files.writeString(work.resolveSibling(work.getFileName() + ".hosts"), "127.0.0.1 localhost\n127.0.1.1 ctiflow\n");
        Files.createDirectories(work);
        boolean root0 = ((Integer) Files.getAttribute(work, "unix:uid")) == 0;
        String user = config.at("/config/User").asText();
        if (root0) {
            // a volume the image's user owns, as Kubernetes' fsGroup or a fresh named volume gives it
            Files.setAttribute(work, "unix:uid", Integer.parseInt(user.split(":")[0]));
            Files.setAttribute(work, "unix:gid", Integer.parseInt(user.split(":")[1]));
        }
        List<String> command = new ArrayList<>(List.of("unshare", "--kill-child=SIGTERM"));
        command.addAll(root0 ? List.of("--mount", "--pid", "--uts", "--fork")
                : List.of("--user", "--map-root-user", "--mount", "--pid", "--uts", "--fork"));
        command.addAll(List.of("sh", "-c", MOUNTS, "image-root", root.toString(), work.toString(), hosts.toString(), "env", "-i"));
        config.at("/config/Env").forEach(e -> command.add(e.asText()));
        command.addAll(env);
        command.add(chroot());
        if (root0) {
            command.add("--userspec=" + user);
        }
        command.add(root.toString());
        config.at("/config/Entrypoint").forEach(e -> command.add(e.asText()));
        if (args.isEmpty()) {
            config.at("/config/Cmd").forEach(c -> command.add(c.asText()));   // as a runtime does without arguments
        }
        command.addAll(args);
        return command;
    }

    /** env -i leaves no PATH to find it by. */
    private static String chroot() {
        return Stream.of("/usr/sbin/chroot", "/sbin/chroot", "/usr/bin/chroot").filter(c -> Files.isExecutable(Path.of(c)))
                .findFirst().orElseThrow(() -> new AssertionError("no chroot on this machine (coreutils)"));
    }
}
