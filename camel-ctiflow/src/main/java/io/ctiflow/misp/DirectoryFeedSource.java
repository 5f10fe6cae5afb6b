package io.ctiflow.misp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A MISP feed in a folder (a path or a file: URL), e.g. a mirror synced by another tool. */
final class DirectoryFeedSource implements FeedSource {

    private final Path dir;

    DirectoryFeedSource(String location) {
        this.dir = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    @Override
    public InputStream open(String name) {
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir.normalize())) {
            throw new MispException("feed file name '" + name + "' leaves the feed folder " + dir);
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new MispNotFoundException("MISP feed folder " + dir + " has no " + name);
        } catch (IOException e) {
            throw new MispException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe(String name) {
        return dir.resolve(name).toString();
    }
}
