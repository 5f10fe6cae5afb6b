package io.ctiflow.ops;

/** The running release: the version in ctiflow's jar manifest (the pom's), or "development" when run from classes. */
public final class BuildVersion {

    private BuildVersion() {
    }

    public static String current() {
        String v = BuildVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
