package io.ctiflow.misp;

/** The server answered 404 (or the file does not exist in a feed folder). */
public class MispNotFoundException extends MispException {

    public MispNotFoundException(String message) {
        super(message);
    }
}
